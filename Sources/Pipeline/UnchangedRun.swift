import Crypto
import Foundation
import Output
import ReportModel

/// A nightly run over inputs that have not changed since the last run would write the same bytes
/// again. It keeps the outputs instead, and says so in a new manifest, when the last manifest
/// records the same inputs digest and every output file it lists is there with its SHA-256.
struct UnchangedRun {
    /// SHA-256 over what decides the outputs: the pipeline version, the settings (not `jobs`), the
    /// shard, and every input's path with its content hash or its problem, in report order.
    static func inputsDigest(_ inputs: [PipelineRunner.Input], problems: [InputDiscovery.Problem],
                             config: PipelineConfig, shard: Shard?) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        add(PipelineVersion.current)
        hasher.update(data: config.canonicalJSON)
        add(shard?.folderName ?? "")
        for input in inputs {
            hasher.update(data: Data(input.file.rawPath))
            add("")
            add(input.sha256 ?? "problem:\(input.problem?.code ?? ""):\(input.problem?.message ?? "")")
        }
        for problem in problems { add("\(problem.path)\u{0}\(problem.code)\u{0}\(problem.message)") }
        return hasher.finalize().lowercaseHex
    }

    /// The last run's manifest when its outputs can be kept as they are.
    static func previousManifest(in folder: URL, inputsDigest: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
              manifest.inputsDigest == inputsDigest, manifest.pipelineVersion == PipelineVersion.current,
              !manifest.outputs.isEmpty
        else { return nil }
        for output in manifest.outputs {
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(output.file).path),
                  bytes.count == output.bytes, SHA256.hash(data: bytes).lowercaseHex == output.sha256
            else { return nil }
        }
        // Exactly these files, nothing put there since: the folder a full run would write.
        let expected = Set(manifest.outputs.map(\.file) + ["dictionary.csv", "schema.json", "manifest.json"])
        var found = Set<String>()
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return nil }
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return found == expected ? manifest : nil
    }

    /// Replaces the manifest (a new file renamed over the old: never half-written).
    static func writeManifest(_ manifest: Manifest, in folder: URL) throws {
        let target = folder.appendingPathComponent("manifest.json")
        let temporary = folder.appendingPathComponent(".manifest.json.tmp-\(getpid())")
        try manifest.encoded().write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
        }
    }
}
