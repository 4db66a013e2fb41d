/// The time left in a run, from bytes rather than files (reports differ in size a hundredfold),
/// measured from the first file written (not from the start, which includes listing and hashing
/// the inputs) and given only once enough files or seconds are behind: the rate of the first few
/// files says more about start-up than about the run.
package struct ProgressEstimate: Sendable {
    package static let minimumFiles = 20
    package static let minimumSeconds = 3.0

    private var first: PipelineRunner.Progress?

    package init() {}

    /// Seconds left after `progress`, or nil while there is too little to go on.
    package mutating func secondsLeft(after progress: PipelineRunner.Progress) -> Double? {
        guard let first else {
            first = progress
            return nil
        }
        let files = progress.done - first.done
        let seconds = progress.seconds - first.seconds
        let bytes = progress.bytesDone - first.bytesDone
        guard files >= Self.minimumFiles || seconds >= Self.minimumSeconds, seconds > 0, bytes > 0 else { return nil }
        return Double(max(0, progress.totalBytes - progress.bytesDone)) / (Double(bytes) / seconds)
    }
}
