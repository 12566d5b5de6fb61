import Foundation
import Postgres
import TestSupport
import Testing

/// `motcua demo` run end to end, as a newcomer runs it, for a short period: its own worker
/// processes, simulated officers and the leadership summary, then checked for consistency
/// from outside: every submitted dossier is in exactly one state, every state change has its
/// event, no step is left half done, and the summary's counts add up to the dossiers submitted.
@Suite(.database)
struct DemoRunTests {
    @Test func threeWeeksOfTheDemoLeaveAConsistentDatabaseAndASummaryThatAddsUpAndASecondRunOnItSucceeds() async throws {
        let database = TestDatabase.database.conninfo
        let clockBefore = try await withTestConnection { try await $0.query("SELECT count(*) AS n FROM simulated_clock").single().decode("n", as: Int.self) }
        let run = try await MotcuaCLI.run(["demo", "--weeks", "3", "--dossiers-per-day", "12", "--seed", "7", "--format", "json"], database: database)
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((outcome["inconsistencies"] as? [Any])?.isEmpty == true, "\(outcome["inconsistencies"] ?? "")")
        let submitted = try #require(outcome["submitted"] as? Int)
        #expect(submitted >= 5 * 12, "three weeks have at least five working days, at 12 a day (even when Tết takes most of them)")
        let summary = try #require(outcome["summary"] as? [String: Any])
        let total = try #require(summary["total"] as? [String: Any])
        let columns = ["not_received", "resolved_on_time", "resolved_late", "ended", "pending", "overdue"].map { total[$0] as? Int ?? -1 }
        #expect(columns.reduce(0, +) == submitted && total["submitted"] as? Int == submitted, "\(total)")
        let actions = try #require(outcome["actions"] as? [String: Int])
        #expect((actions["approve"] ?? 0) > 0 && (actions["sign"] ?? 0) > 0 && (actions["return_result"] ?? 0) > 0, "\(actions)")
        try await withTestConnection { db in
            #expect(try await db.count("SELECT count(*) AS n FROM dossier") == submitted)
            #expect(try await db.count("SELECT count(DISTINCT id) AS n FROM dossier") == submitted, "one row, so one state, per dossier")
            let unlogged = try await db.count(
                """
                SELECT count(*) AS n FROM dossier d
                WHERE d.state IS DISTINCT FROM (SELECT e.to_state FROM dossier_event e WHERE e.dossier_id = d.id ORDER BY e.id DESC LIMIT 1)
                """)
            #expect(unlogged == 0, "every dossier's last event names its state")
            let broken = try await db.count(
                """
                SELECT count(*) AS n FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY dossier_id ORDER BY id) AS previous FROM dossier_event) e
                WHERE from_state IS DISTINCT FROM previous
                """)
            #expect(broken == 0, "every state change has its event, in order")
            let backwards = try await db.count(
                "SELECT count(*) AS n FROM (SELECT at, lag(at) OVER (PARTITION BY dossier_id ORDER BY id) AS previous FROM dossier_event) e WHERE at < previous"
            )
            #expect(backwards == 0, "the simulated clock only moved forward: no event is dated before the one it follows")
            #expect(try await db.count("SELECT count(*) AS n FROM work_item WHERE state IN ('ready', 'claimed')") == 0, "no step left half done")
            #expect(try await db.count("SELECT count(*) AS n FROM simulated_clock") == clockBefore, "the clock is back as it was")
            #expect(
                try await db.count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'motcua worker%'")
                    == 0, "workers stopped")
        }
        // The reports' rollups, kept by the events' own transactions, agree with the event log.
        let verify = try await MotcuaCLI.run(["report", "verify"], database: database)
        #expect(verify.status == 0 && verify.stdout.contains("The reports agree with the event log"), "\(verify)")
        let dashboard = try await MotcuaCLI.run(["report", "dashboard", "--format", "json"], database: database)
        #expect(dashboard.status == 0, "\(dashboard)")

        // A second run on the database the first left meets the first run's open dossiers, the
        // overdue ones among them with their apology slip already given (only one is allowed per
        // dossier), and decides on them as well.
        let apologies = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM dossier_event WHERE kind = 'apologised'") }
        #expect(apologies > 0, "the first run gives apology slips that the second must not ask for again")
        let again = try await MotcuaCLI.run(["demo", "--weeks", "1", "--dossiers-per-day", "12", "--seed", "8", "--format", "json"], database: database)
        #expect(again.status == 0, "the first run gave \(apologies) apology slips: \(again.stderr.suffix(2000))")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((second["inconsistencies"] as? [Any])?.isEmpty == true, "\(second["inconsistencies"] ?? "")")
        let verifyAgain = try await MotcuaCLI.run(["report", "verify"], database: database)
        #expect(verifyAgain.status == 0 && verifyAgain.stdout.contains("The reports agree with the event log"), "\(verifyAgain)")
    }

    /// The same seed from the same business instant gives the same run, event for event (the
    /// workers' own IDs aside), in two databases of their own.
    @Test func theSameSeedRepeatsTheRun() async throws {
        var histories: [[String]] = []
        for _ in 0..<2 {
            let database = try await TestDatabase.createEmpty()
            for arguments in [
                ["migrate"], ["clock", "set", "2026-12-02T02:00:00+07:00", "--rate", "0"], ["demo", "--weeks", "1", "--dossiers-per-day", "8", "--seed", "3"],
            ] {
                let result = try await MotcuaCLI.run(arguments, database: database.conninfo)
                #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr.suffix(1000))")
            }
            let connection = try await Connection.connect(database.conninfo)
            let events = try await connection.query(
                """
                SELECT e.at::text || ' ' || d.code || ' ' || e.kind || ' ' || regexp_replace(e.actor, '@.*$', '') || ' ' || e.details::text AS line
                FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
                """
            ).map { try $0.decode("line", as: String.self) }
            await connection.close()
            try await database.drop()
            histories.append(events.sorted())
        }
        #expect(!histories[0].isEmpty)
        #expect(histories[0] == histories[1], "first difference: \(zip(histories[0], histories[1]).first { $0 != $1 }.map { "\($0) / \($1)" } ?? "in length")")
    }

    @Test func badOptionsAreRefusedBeforeAnythingRuns() async throws {
        let database = TestDatabase.database.conninfo
        for (arguments, message) in [
            (["--weeks", "0"], "--weeks must be between 1 and 52"), (["--dossiers-per-day", "0"], "--dossiers-per-day must be between 1 and 2000"),
        ] {
            let run = try await MotcuaCLI.run(["demo"] + arguments, database: database)
            #expect(run.status != 0 && run.stderr.contains(message), "\(run)")
        }
        #expect(try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM dossier") } == 0)
    }
}
