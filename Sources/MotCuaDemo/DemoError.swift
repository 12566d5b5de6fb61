/// A demo run that did not reach its end: the description says how far it got and where to
/// look (the workers' logs are printed above it).
public struct DemoError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let reason: String

    /// An error with its reason.
    public init(reason: String) { self.reason = reason }

    public var description: String { "the demo did not finish: \(reason)" }
}
