import MotCua
import Postgres

/// The checks a demo run ends with, over the whole database: every dossier's events chain
/// (each event leaves the state the one before it entered, and is not dated before it), the last event of every dossier
/// names the state it is in (so every state change has its event), and the leadership
/// summary's columns add up to the dossiers submitted.
enum DemoConsistency {
    /// What is wrong, in words; empty when everything holds.
    static func check(summary: LeadershipSummary, on connection: Connection) async throws -> [String] {
        var problems: [String] = []
        let broken: Int = try await connection.query(brokenChainsStatement).single().decode("n")
        if broken > 0 { problems.append("\(broken) events leave a state their dossier's previous event did not enter") }
        let backwards: Int = try await connection.query(backwardsStatement).single().decode("n")
        if backwards > 0 { problems.append("\(backwards) events are dated before the event that precedes them in their dossier's log") }
        let unlogged: Int = try await connection.query(unloggedStatesStatement).single().decode("n")
        if unlogged > 0 { problems.append("\(unlogged) dossiers are in a state their last event does not name") }
        let dossiers: Int = try await connection.query(dossiersStatement).single().decode("n")
        let total = summary.total
        let columns = total.notReceived + total.resolvedOnTime + total.resolvedLate + total.ended + total.pending + total.overdue
        if total.submitted != dossiers { problems.append("the summary counts \(total.submitted) dossiers submitted; the database holds \(dossiers)") }
        if columns != total.submitted { problems.append("the summary's columns add up to \(columns), not the \(total.submitted) submitted") }
        return problems
    }

    static let brokenChainsStatement = """
        SELECT count(*) AS n FROM (
            SELECT from_state, lag(to_state) OVER (PARTITION BY dossier_id ORDER BY id) AS previous FROM dossier_event
        ) e WHERE from_state IS DISTINCT FROM previous
        """

    static let backwardsStatement = """
        SELECT count(*) AS n FROM (SELECT at, lag(at) OVER (PARTITION BY dossier_id ORDER BY id) AS previous FROM dossier_event) e
        WHERE at < previous
        """

    static let unloggedStatesStatement = """
        SELECT count(*) AS n FROM dossier d
        WHERE d.state IS DISTINCT FROM (SELECT e.to_state FROM dossier_event e WHERE e.dossier_id = d.id ORDER BY e.id DESC LIMIT 1)
        """

    static let dossiersStatement = "SELECT count(*) AS n FROM dossier"
}
