import Foundation

/// One step of a procedure's route: which department does what, and its share of the limit.
public struct RouteStep: Sendable, Equatable, Codable {
    /// The department code.
    public var department: String
    /// Automatic, review or signature.
    public var kind: StepKind
    /// The step's share of the procedure's limit, in the limit's unit; `nil` when not split.
    public var allowance: Decimal?
    /// Whether the step's time does not count against the limit (tax assessment, public
    /// posting); `false` when the file does not say.
    public var excludedFromLimit: Bool
    /// What happens in the step; empty when the file does not say.
    public var description: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case department, kind, allowance, description
        case excludedFromLimit = "excluded_from_limit"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        department = try container.decode(String.self, forKey: .department)
        kind = try container.decodeChoice(StepKind.self, forKey: .kind)
        allowance = try container.decodeIfPresent(Decimal.self, forKey: .allowance)
        excludedFromLimit = try container.decode(Bool.self, forKey: .excludedFromLimit, default: false)
        description = try container.decode(String.self, forKey: .description, default: "")
    }

    /// Creates a step (used when reading the catalog back from the database).
    public init(department: String, kind: StepKind, allowance: Decimal?, excludedFromLimit: Bool, description: String) {
        self.department = department
        self.kind = kind
        self.allowance = allowance
        self.excludedFromLimit = excludedFromLimit
        self.description = description
    }
}
