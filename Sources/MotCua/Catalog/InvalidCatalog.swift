/// A catalog that was not loaded, with every problem found in it; nothing was written.
public struct InvalidCatalog: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order of the file where possible.
    public let issues: [CatalogIssue]

    /// Creates the error from its problems.
    public init(issues: [CatalogIssue]) { self.issues = issues }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return "the catalog was not loaded (\(count)); fix and load it again, nothing was written:\n"
            + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
