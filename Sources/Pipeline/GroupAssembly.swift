import Foundation
import Output

/// The writer's side of report groups: begins each group's frames, and for a group the last run
/// wrote from the same inputs, holds its reports to the group's end and copies the last run's
/// frames in place of their rows (or, when those fail their checks, writes the rows after all).
/// Records which groups a later run may copy: those whose every input gave its report.
struct GroupAssembly {
    let groups: ReportGroups
    private let previous: FrameIndex?
    /// The last run's output folder, where the frames are copied from.
    private let previousFolder: URL
    /// The groups whose frames the last run left (their workers load summaries only).
    let copyable: [Bool]
    private var reusable: [Bool]
    private var current: Int?
    private var held: [(input: PipelineRunner.Input, report: RenderedReport, duplicate: Bool)] = []
    /// The current group's reports' summary records, gathered and saved at its end when the
    /// group has no file of them yet.
    private var records: [Data] = []
    private var gathering = false
    let summaries: GroupSummaries
    private(set) var copied = 0
    /// Frames being read (and checked) from the last run's files ahead of their group's end, each
    /// group's on a thread of its own, so that the writer only appends them.
    private var reading: [Int: Background<[FrameIndex.CopiedFrame]?>] = [:]

    init(groups: ReportGroups, previous: FrameIndex?, previousFolder: URL, cache: URL) {
        self.groups = groups
        self.previous = previous
        self.previousFolder = previousFolder
        copyable = groups.identities.map { previous?.groups[$0] != nil }
        reusable = Array(repeating: true, count: groups.count)
        summaries = GroupSummaries(cache: cache, groups: groups, wanted: copyable)
    }

    /// Whether input `index`'s worker needs no more than the report's summary.
    func summaryOnly(_ index: Int) -> Bool {
        groups.groupOf[index].map { copyable[$0] } ?? false
    }

    /// Before input `index` is written: begins its group's frames when it is the group's first.
    mutating func begin(_ index: Int, output: OutputSet) throws {
        guard let group = groups.groupOf[index], group != current else { return }
        try output.beginGroup(group)
        current = group
        gathering = !FileManager.default.fileExists(atPath: summaries.url(group).path)
        readAhead(group, output: output)
        readAhead(group + 1, output: output)
    }

    private mutating func readAhead(_ group: Int, output: OutputSet) {
        guard group < groups.count, copyable[group], reading[group] == nil,
              let frames = previous?.groups[groups.identities[group]] else { return }
        var paths: [OutputSet.StreamName: String] = [:]
        for stream in frames.keys { paths[stream] = output.relativePath(of: stream) }
        let folder = previousFolder
        reading[group] = Background { [paths] in FrameIndex.read(frames, from: folder, paths: paths) }
    }

    /// Writes a report's rows, or holds them when its group is to be copied.
    mutating func write(_ report: RenderedReport, input: PipelineRunner.Input, index: Int, duplicate: Bool,
                        output: OutputSet) throws {
        if report.timedOut, let group = groups.groupOf[index] { reusable[group] = false }
        if gathering, let line = report.headerLine { records.append(GroupSummaries.record(line, regionByPath: report.regionByPath)) }
        if let group = groups.groupOf[index], copyable[group] {
            held.append((input, report, duplicate))
        } else {
            try report.write(to: output, path: input.path, duplicate: duplicate)
        }
    }

    /// An input of a group gave no report (it vanished or changed while the run read it).
    mutating func failed(_ index: Int) {
        if let group = groups.groupOf[index] { reusable[group] = false }
    }

    /// After input `index` is written: at its group's end, copies the group's frames (or writes
    /// the held rows, each report's blobs fetched by `full`).
    mutating func end(_ index: Int, output: OutputSet, full: (PipelineRunner.Input) -> RenderedReport?) throws {
        guard let group = groups.groupOf[index], groups.lastInput[group] == index else { return }
        saveSummaries(group)
        guard copyable[group] else { return }
        defer {
            // (Let go on another thread: freeing a group's reports was a fifth of the writer's work.)
            let reports = held
            held = []
            DispatchQueue.global().async { _ = reports }
        }
        let frames = reading.removeValue(forKey: group)?.wait()
        if reusable[group], case .success(let read?) = frames {
            for frame in read { try output.appendFrames(frame.bytes, sha256: frame.sha256, rows: frame.rows, to: frame.stream) }
            copied += 1
            return
        }
        for (input, report, duplicate) in held where !duplicate {
            var report = report
            if report.isSummary {
                // (Its entry was read a moment ago: only a file that vanished or ran out of time
                // since gives no rows, and the run stops rather than write a report without them.)
                guard let whole = full(input), !whole.timedOut else {
                    throw PipelineRunner.Failure.io("\(input.path): its report could not be read again to write its rows; "
                                                    + "the previous outputs are left in place")
                }
                report.blobs = whole.blobs
            }
            try report.write(to: output, path: input.path, duplicate: false)
        }
    }

    /// Saves the group's summaries when it may be copied later and had no file of them.
    private mutating func saveSummaries(_ group: Int) {
        defer { records = [] }
        guard gathering, reusable[group], records.count == groups.members(group) else { return }
        try? summaries.save(group, records: records)
    }

    /// The frames of the groups a later run may copy, once the outputs are finished.
    func index(_ output: OutputSet) -> FrameIndex {
        let frames = output.groupFrames()
        var index = FrameIndex()
        for group in 0..<groups.count where reusable[group] {
            index.groups[groups.identities[group]] = frames[group] ?? [:]
        }
        return index
    }
}
