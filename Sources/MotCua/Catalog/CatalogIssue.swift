/// One problem of a catalog file: the file, where in it (a key path such as
/// `procedures[3].route[1].department`, with 0-based indexes, or a line and column), and what is
/// wrong and how to fix it. Never contains personal data (no officer names).
public struct CatalogIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The file as the operator named it.
    public let file: String
    /// The key path of the offending value, or `line L, column C` for malformed JSON.
    public let location: String
    /// What is wrong and how to fix it.
    public let problem: String

    /// Creates an issue.
    public init(file: String, location: String, problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String { "\(file): \(location): \(problem)" }
}
