/// A benchmark that could not produce its figures (workers that did not drain their backlog,
/// a pgbench loop that ran dry, a listener that stopped); the description says what happened
/// and what the processes said.
public struct BenchmarkError: Error, Sendable, CustomStringConvertible {
    /// Which benchmark failed (`bench queue`, `bench intake`, …).
    public let benchmark: String
    /// What went wrong.
    public let reason: String

    public var description: String { "\(benchmark) failed: \(reason)" }
}
