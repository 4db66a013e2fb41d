import Foundation

/// Finds the input files under the root, recursively, in a stable order (bytewise by relative path).
enum InputDiscovery {
    struct Found {
        var files: [String]  // relative paths
        var problems: [(path: String, message: String)]
    }

    static func find(root: String, patterns: [String]) -> Found {
        var files: [String] = []
        var problems: [(String, String)] = []
        let rootURL = URL(fileURLWithPath: root)
        guard let enumerator = FileManager.default.enumerator(
            at: rootURL, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
            options: [], errorHandler: { url, error in
                problems.append((url.path, "cannot list: \(error.localizedDescription)"))
                return true
            })
        else { return Found(files: [], problems: [(root, "cannot list the input folder")]) }
        let prefix = rootURL.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            guard patterns.contains(where: { fnmatch($0, name, 0) == 0 }) else { continue }
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values?.isDirectory == true { continue }
            var path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
            files.append(path)
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return Found(files: files, problems: problems)
    }
}
