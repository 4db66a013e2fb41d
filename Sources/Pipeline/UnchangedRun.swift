import SystemBytes
import Foundation
import Output
import ReportModel

/// A nightly run over inputs that have not changed since the last run would write the same bytes
/// again. It keeps the outputs instead, and says so in a new manifest, when the last manifest
/// records the same inputs digest and every output file it lists is there with its SHA-256.
struct UnchangedRun {
    /// SHA-256 over what decides the outputs: the build (its version and its executable's digest),
    /// the settings (not `jobs`), the shard, and every input's path with its content hash or its
    /// problem, in report order.
    static func inputsDigest(_ inputs: [PipelineRunner.Input], problems: [InputDiscovery.Problem],
                             config: PipelineConfig, shard: Shard?) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        add(PipelineVersion.current)
        add(BuildIdentity.digest)
        hasher.update(data: config.canonicalJSON)
        add(shard?.folderName ?? "")
        // (The bytes gathered in one buffer and hashed at once: a `Data` and a hex string per
        // input were most of this step.)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(inputs.count * 100)
        let hexDigits = Array("0123456789abcdef".utf8)
        for input in inputs {
            bytes += input.file.rawPath
            bytes.append(0)
            if let digest = input.digest {
                for byte in digest.bytes {
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 15)])
                }
            } else {
                bytes += Array("problem:\(input.problem?.code ?? ""):\(input.problem?.message ?? "")".utf8)
            }
            bytes.append(0)
        }
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        for problem in problems {
            hasher.update(data: Data(problem.rawPath))
            add("\u{0}\(problem.code)\u{0}\(problem.message)")
        }
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
            guard let digest = fileDigest(folder.appendingPathComponent(output.file).path),
                  digest.bytes == output.bytes, digest.sha256 == output.sha256
            else { return nil }
        }
        // Exactly these files, nothing put there since: the folder a full run would write.
        let expected = Set(manifest.outputs.map(\.file) + ["manifest.json"])
        var found = Set<String>()
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return nil }
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return found == expected ? manifest : nil
    }

    /// Size and SHA-256 of a file, read in 1 MB pieces: the outputs of a large corpus are far
    /// bigger than anything else this run holds, so they are not read whole.
    static func fileDigest(_ path: String) -> (bytes: Int, sha256: String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var total = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress!, buffer.count)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += n
        }
        return (total, hasher.finalize().lowercaseHex)
    }

    /// Replaces the manifest: a new file, written beside the folder (never inside the published
    /// one, where a full disk would leave it), renamed over the old one.
    static func writeManifest(_ manifest: Manifest, in folder: OutputFolder) throws {
        let target = folder.target.appendingPathComponent("manifest.json")
        let temporary = folder.manifestTemporary
        do {
            try manifest.encoded().write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
