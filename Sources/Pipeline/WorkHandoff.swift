import Foundation

/// Finished items by index, handed from the workers to the thread that takes them in order.
final class Mailbox<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Int: Item] = [:]
    /// The indices the taker waits for, and how many of them are still missing.
    private var awaited: ClosedRange<Int>? = nil
    private var missing = 0
    private var cancelled = false

    func put(_ index: Int, _ item: Item) {
        condition.lock()
        items[index] = item
        if let awaited, awaited.contains(index) {
            missing -= 1
            if missing == 0 { condition.signal() }
        }
        condition.unlock()
    }

    /// Item `index`, removed. When it is not there yet, waits until every item from `index`
    /// through `last` is (they must all be on their way), so that one wake-up serves a batch.
    /// Nil when cancelled before the item came.
    func take(_ index: Int, through last: Int? = nil) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        if items[index] == nil {
            let range = index...max(index, last ?? index)
            missing = range.reduce(0) { $0 + (items[$1] == nil ? 1 : 0) }
            awaited = range
            while missing > 0 && !cancelled { condition.wait() }
            awaited = nil
        }
        return items.removeValue(forKey: index)
    }

    /// Wakes the taker: it gets what is there, and nil for what is not.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The next input for a worker, in order, while fewer than its window of finished results wait
/// to be written (which bounds memory); cancelled, it hands out no more. An input whose report is
/// needed as a summary only (a few hundred bytes) has a wider window than one processed whole.
final class WorkClaims: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private let summaryWindow: Int
    private let summaries: [Bool]
    private var claimed = 0
    private var writtenCount = 0
    private var waiting = 0
    private var cancelled = false

    init(count: Int, window: Int, summaryWindow: Int? = nil, summaries: [Bool] = []) {
        self.count = count
        self.window = window
        self.summaryWindow = summaryWindow ?? window
        self.summaries = summaries
    }

    /// How far ahead of the writer input `index` may be claimed.
    func lead(_ index: Int) -> Int {
        index < summaries.count && summaries[index] ? summaryWindow : window
    }

    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while claimed < count && claimed >= writtenCount + lead(claimed) && !cancelled {
            waiting += 1
            condition.wait()
            waiting -= 1
        }
        guard !cancelled, claimed < count else { return nil }
        claimed += 1
        return claimed - 1
    }

    /// The writer has written the first `n` results. Waiting workers are woken once half the
    /// window is free, not for each result: a wake-up per result cost more than a cached one takes.
    func written(_ n: Int) {
        condition.lock()
        writtenCount = n
        if waiting > 0, claimed >= count || n + lead(claimed) - claimed >= max(1, lead(claimed) / 2) { condition.broadcast() }
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A stop asked for from another thread (a signal handler, or the writer giving up).
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int32?
    private var actions: [@Sendable () -> Void] = []
    public init() {}
    public var signal: Int32? { lock.withLock { value } }

    public func request(signal: Int32) {
        let run: [@Sendable () -> Void] = lock.withLock {
            guard value == nil else { return [] }
            value = signal
            return actions
        }
        for action in run { action() }
    }

    /// Runs `action` when a stop is requested (at once if it was already).
    func whenRequested(_ action: @escaping @Sendable () -> Void) {
        let already: Bool = lock.withLock {
            if value != nil { return true }
            actions.append(action)
            return false
        }
        if already { action() }
    }
}

/// A value made on a thread of its own while the caller goes on with other work; `wait` gives it,
/// to any number of threads.
final class Background<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let made = Result { try work() }
            condition.withLock {
                result = made
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// The value (or the error it threw), once it is made.
    func wait() -> Result<Value, any Error> {
        condition.withLock {
            while result == nil { condition.wait() }
            return result!
        }
    }
}
