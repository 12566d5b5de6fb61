import Postgres

/// Counts of work items per department and state, and of dossiers per state: the first look
/// at the system's load. It reads no personal data.
public struct SummaryReport: Sendable, Codable, Equatable {
    /// Work items of one department.
    public struct DepartmentLine: Sendable, Codable, Equatable {
        public let department: String
        public let ready: Int
        public let claimed: Int
        /// With an officer (review or signature).
        public let assigned: Int
        /// Put aside for a supervisor (attempts used up, or no officer).
        public let needsAttention: Int
        public let completed: Int
    }

    /// Dossiers in one state.
    public struct StateLine: Sendable, Codable, Equatable {
        public let state: String
        public let nationalCode: Int
        public let dossiers: Int
    }

    /// One line per department that has work items, by department code.
    public let departments: [DepartmentLine]
    /// One line per dossier state present, by state.
    public let states: [StateLine]

    /// Reads the report in one read-only snapshot.
    public static func read(on connection: Connection) async throws -> SummaryReport {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let departments = try connection.query(departmentsStatement).map { row in
                DepartmentLine(
                    department: try row.decode("department_code"), ready: try row.decode("ready"),
                    claimed: try row.decode("claimed"), assigned: try row.decode("assigned"),
                    needsAttention: try row.decode("needs_attention"), completed: try row.decode("completed"))
            }
            let states = try connection.query(statesStatement).map { row in
                let state: DossierState = try row.decode("state")
                return StateLine(state: state.rawValue, nationalCode: state.nationalCode, dossiers: try row.decode("n"))
            }
            return SummaryReport(departments: departments, states: states)
        }
    }

    static let departmentsStatement = """
        SELECT department_code,
               count(*) FILTER (WHERE state = 'ready') AS ready,
               count(*) FILTER (WHERE state = 'claimed') AS claimed,
               count(*) FILTER (WHERE state = 'assigned') AS assigned,
               count(*) FILTER (WHERE state = 'needs_attention') AS needs_attention,
               count(*) FILTER (WHERE state = 'completed') AS completed
        FROM (SELECT department_code, state FROM work_item
              UNION ALL SELECT department_code, state FROM work_item_history) AS items
        GROUP BY department_code ORDER BY department_code
        """

    static let statesStatement = "SELECT state, count(*) AS n FROM dossier GROUP BY state ORDER BY state"
}
