import Foundation
import Regions
import SystemBytes

/// The division tables, found and parsed once per run by the driver; the resolver they make is
/// shared read-only by the workers.
enum RegionData {
    /// The environment variable naming the data folder (the folder that holds `regions/`).
    static let environmentKey = "ETL_DATA_DIR"
    static let files = ["areacodes.csv", "townships-2021.csv"]

    struct Loaded: Sendable {
        let resolver: RegionResolver
        /// SHA-256 over both files: part of the result cache's key, so new tables re-resolve every report.
        let digest: String
        let folder: String
    }

    /// `$ETL_DATA_DIR/regions`, else `data/regions` in the executable's folder or an ancestor (a
    /// clone: `.build/release/etl`), else `../share/gov-disclosure-etl/regions` from the
    /// executable's folder (an installed `PREFIX/bin/etl`).
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                       executable: URL = runningExecutable) -> URL? {
        if let data = environment[environmentKey], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("regions")
        }
        let start = executable.deletingLastPathComponent().standardizedFileURL
        let installed = start.deletingLastPathComponent().appendingPathComponent("share/gov-disclosure-etl/regions")
        var folder = start
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent("data/regions")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(files[0]).path) { return candidate }
            if folder.path == "/" { break }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.fileExists(atPath: installed.appendingPathComponent(files[0]).path) ? installed : nil
    }

    /// The running executable, its links resolved (`argv[0]` may be a bare name found on PATH).
    static var runningExecutable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    }

    nonisolated(unsafe) private static var loaded: [String: Loaded] = [:]
    private static let lock = NSLock()

    /// The two tables' bytes and their digest.
    struct Files: Sendable {
        let contents: [Data]
        /// SHA-256 over both files: part of the result cache's key, so new tables re-resolve every report.
        let digest: String
        let folder: String
    }

    /// Read again each run: a changed file is noticed.
    static func read(_ folder: URL) throws -> Files {
        var contents: [Data] = []
        for name in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw RegionTables.Failure(description: "cannot read \(folder.appendingPathComponent(name).path)")
            }
            contents.append(data)
        }
        return Files(contents: contents, digest: SHA256.hash(data: contents[0] + contents[1]).lowercaseHex, folder: folder.path)
    }

    /// Parsed once per process and content.
    static func load(_ folder: URL) throws -> Loaded {
        try load(read(folder))
    }

    static func load(_ files: Files) throws -> Loaded {
        try lock.withLock {
            if let done = loaded[files.digest] { return done }
            let tables = try RegionTables(areacodesCSV: String(decoding: files.contents[0], as: UTF8.self),
                                          townshipsCSV: String(decoding: files.contents[1], as: UTF8.self))
            let done = Loaded(resolver: RegionResolver(tables: tables), digest: files.digest, folder: files.folder)
            loaded[files.digest] = done
            return done
        }
    }
}

extension RegionResolver {
    /// The resolver a run uses, from the division tables `RegionData.locate` finds (the
    /// benchmarks run the stages as a run does).
    public static func located() throws -> RegionResolver {
        guard let folder = RegionData.locate() else {
            throw RegionTables.Failure(description: "cannot find the division tables (data/regions): set \(RegionData.environmentKey)")
        }
        return try RegionData.load(folder).resolver
    }
}
