import CivilTime

/// The procedures in force on a day, one version each.
public struct ProcedureListing: Sendable, Equatable, Encodable {
    /// One procedure version in force.
    public struct Entry: Sendable, Equatable, Encodable {
        /// The procedure code.
        public let code: String
        /// The version in force.
        public let version: Int
        /// The Vietnamese name.
        public let name: String
        /// The owning department's code.
        public let department: String
        /// The time limit.
        public let timeLimit: TimeLimit
        /// The first day the version is in force.
        public let effectiveFrom: CalendarDate
        /// The first day it no longer is, or `nil`.
        public let effectiveUntil: CalendarDate?

        enum CodingKeys: String, CodingKey {
            case code, version, name, department
            case timeLimit = "time_limit"
            case effectiveFrom = "effective_from"
            case effectiveUntil = "effective_until"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(version, forKey: .version)
            try container.encode(name, forKey: .name)
            try container.encode(department, forKey: .department)
            try container.encodeTimeLimit(timeLimit, forKey: .timeLimit)
            try container.encode(effectiveFrom, forKey: .effectiveFrom)
            try container.encodeIfPresent(effectiveUntil, forKey: .effectiveUntil)
        }
    }

    /// The day asked about.
    public let day: CalendarDate
    /// The procedures in force that day, by code.
    public let procedures: [Entry]
}
