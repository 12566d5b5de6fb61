import Postgres

/// The database role reports read as, `motcua_reporting` (migration 0017): it may read the
/// rollups, the catalog, the calendar, the event log and a dossier's code, procedure, channel,
/// state and dates, and nothing of the applicants: a report cannot read a name, an ID number or
/// a phone. The operator's login must be a member of it (a superuser is).
public enum ReportAccess {
    /// The role's name.
    public static let role = "motcua_reporting"

    /// Makes the rest of `connection`'s session read as the reporting role, without parallel
    /// workers.
    ///
    /// A report reads a few thousand rollup rows, which no parallel plan makes faster: starting
    /// its workers costs about 10 ms on every statement. A session that repeats a report
    /// (`--watch`) gets generic plans after five runs, and with the period's bounds unknown the
    /// planner estimated enough rows to go parallel (a quarter's histogram: 1 ms alone, 17 ms
    /// with two workers, at 1M dossiers).
    public static func adopt(on connection: Connection) async throws {
        do {
            try await connection.query(adoptStatement, [role])
        } catch let error as PostgresError {
            throw MotCuaError.invalidInput(
                field: "database role", reason: "the reports read as \(role), which this login may not take (\(error.message)); GRANT \(role) TO the login")
        }
    }

    /// `$1` the role: `SET ROLE` and no parallel workers, as a statement that can be prepared.
    static let adoptStatement = "SELECT set_config('role', $1, false), set_config('max_parallel_workers_per_gather', '0', false)"
}
