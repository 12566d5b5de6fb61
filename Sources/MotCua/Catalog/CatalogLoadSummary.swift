/// What loading a catalog changed.
public struct CatalogLoadSummary: Sendable, Equatable, Codable {
    /// What happened to a department or an officer.
    public enum Change: String, Sendable, Codable {
        /// New to the database.
        case added
        /// Already there, with different values.
        case updated
        /// Already there, the same.
        case unchanged
    }

    /// How many departments or officers were added, updated or left as they were.
    public struct Tally: Sendable, Equatable, Codable {
        /// How many were added.
        public var added = 0
        /// How many were updated.
        public var updated = 0
        /// How many were left as they were.
        public var unchanged = 0

        mutating func count(_ change: Change) {
            switch change {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
        }
    }

    /// What happened to a procedure.
    public enum ProcedureChange: String, Sendable, Codable {
        /// A procedure new to the database: version 1.
        case new
        /// Its definition differs from the latest version's: a new version.
        case newVersion = "new_version"
        /// Its definition equals the latest version's.
        case unchanged
        /// The latest version had no hash (seeded or entered by hand) but the same definition:
        /// its hash was recorded, nothing else changed.
        case hashRecorded = "hash_recorded"
    }

    /// One procedure's outcome.
    public struct ProcedureOutcome: Sendable, Equatable, Codable {
        /// The procedure code.
        public let code: String
        /// The version the file's definition now is.
        public let version: Int
        /// What happened.
        public let change: ProcedureChange
    }

    /// The file loaded.
    public var file: String
    /// The departments.
    public var departments = Tally()
    /// The officers.
    public var officers = Tally()
    /// Each procedure of the file, in file order.
    public var procedures: [ProcedureOutcome] = []

    /// Creates an empty summary for a file.
    init(file: String) { self.file = file }

    /// How many procedures had `change`.
    public func count(_ change: ProcedureChange) -> Int {
        procedures.count { $0.change == change }
    }

    /// Whether the load wrote nothing at all.
    public var isUnchanged: Bool {
        departments.added + departments.updated + officers.added + officers.updated == 0
            && procedures.allSatisfy { $0.change == .unchanged }
    }
}
