import Foundation

/// The time one file's processing may take, and a way to call it off: a cooperative deadline.
///
/// A thread cannot be stopped from outside, so the loops that could run long ask, between two
/// steps, whether the file they work on is out of time (`WorkBudget.exhausted`) and stop early
/// when it is; the driver then discards whatever was made and reports the file as `too_complex`.
/// The budget bounds a file's work to the deadline plus one step of each loop; a step that does
/// not ask (one libxml2 parse, one OpenCC conversion) is bounded by the work limits instead.
///
/// The budget is a safety net, not a rule that decides outputs: how long a file takes depends on
/// the machine, so a file that runs out of time is reported as such and never cached.
public final class WorkBudget: @unchecked Sendable {
    /// `DispatchTime` nanoseconds (monotonic), or `.max` for no deadline.
    private let deadline: UInt64
    private let parent: WorkBudget?
    private let lock = NSLock()
    private var cancelled = false

    /// A budget of `seconds` from now, also exhausted when `parent` is.
    public init(seconds: Double, parent: WorkBudget? = nil) {
        let now = DispatchTime.now().uptimeNanoseconds
        deadline = seconds.isFinite ? now &+ UInt64(max(0, seconds) * 1e9) : .max
        self.parent = parent
    }

    /// A budget with no deadline, exhausted only when cancelled (a run's, whose files' budgets
    /// have it as their parent).
    public convenience init() {
        self.init(seconds: .infinity)
    }

    public func cancel() {
        lock.withLock { cancelled = true }
    }

    public var isCancelled: Bool {
        lock.withLock { cancelled } || (parent?.isCancelled ?? false)
    }

    public var isExhausted: Bool {
        isCancelled || (deadline != .max && DispatchTime.now().uptimeNanoseconds >= deadline)
    }

    /// The budget the current thread's file works under (set by the driver).
    @TaskLocal public static var current: WorkBudget?

    /// Whether the file the current thread works on is out of time or called off; false when no
    /// budget is set.
    public static var exhausted: Bool { current?.isExhausted ?? false }
}
