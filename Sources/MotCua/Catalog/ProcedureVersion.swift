import CivilTime

/// One version of a procedure in the database and when it is in force.
public struct ProcedureVersion: Sendable, Equatable, Codable {
    /// The version number, from 1.
    public let version: Int
    /// The first day it is in force.
    public let effectiveFrom: CalendarDate
    /// The first day it is no longer in force (the next version's first day), or `nil`.
    public let effectiveUntil: CalendarDate?
    /// The hash of its definition; `nil` for a version not loaded from a catalog (the 0002 seed).
    public let definitionHash: String?

    enum CodingKeys: String, CodingKey {
        case version
        case effectiveFrom = "effective_from"
        case effectiveUntil = "effective_until"
        case definitionHash = "definition_hash"
    }
}
