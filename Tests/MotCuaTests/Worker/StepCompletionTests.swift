import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

@Suite(.database) struct StepCompletionTests {
    func claim(_ department: String, _ connection: Connection, lease: Double = 60) async throws -> [ClaimedWorkItem] {
        try await connection.transaction { connection in
            try WorkQueue.claim(department: department, limit: 10, worker: "test", leaseSeconds: lease, on: connection)
        }
    }

    @Test func aDossierWalksItsRouteToResolution() async throws {
        let connection = try await TestDatabase.connect()
        let receipt = try await IntakeService().submit(try await SampleIntake.make("2.001610", channel: .desk, on: connection), on: connection)
        var outcomes: [StepCompletion.Outcome] = []
        for department in ["STC", "THUE", "BHXH"] {
            let items = try await claim(department, connection)
            #expect(items.count == 1)
            outcomes.append(try await StepCompletion.complete(items[0], actor: "test", on: connection))
        }
        #expect(outcomes == [.routed(to: "THUE"), .routed(to: "BHXH"), .resolved])
        let state: String = try await connection.query("SELECT state FROM dossier WHERE code = $1", [receipt.dossierCode]).single().decode("state")
        #expect(state == "resolved")
        // One event per hand-over: who completed, the state after, where the dossier went.
        let events = try await connection.query(
            "SELECT kind, department_code, to_state, details->>'to_department' AS next FROM dossier_event ORDER BY id"
        ).map { row in
            [
                try row.decode("kind", as: String.self), try row.decode("department_code", as: String?.self) ?? "-",
                try row.decode("to_state", as: String.self), try row.decode("next", as: String?.self) ?? "-",
            ]
        }
        #expect(
            events == [
                ["received", "-", "received", "-"], ["routed", "STC", "routed", "-"],
                ["step_completed", "STC", "routed", "THUE"], ["step_completed", "THUE", "routed", "BHXH"], ["step_completed", "BHXH", "resolved", "-"],
            ])
        await connection.close()
    }

    @Test func aClaimIsNeverHandedOutTwice() async throws {
        let connection = try await TestDatabase.connect()
        for _ in 0..<3 { _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", channel: .desk, on: connection), on: connection) }
        let first = try await claim("STP", connection)
        let second = try await claim("STP", connection)
        #expect(first.count == 3)
        #expect(second.isEmpty)
        await connection.close()
    }

    @Test func aStaleClaimChangesNothing() async throws {
        let connection = try await TestDatabase.connect()
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", channel: .desk, on: connection), on: connection)
        let stale = try await claim("STP", connection)[0]
        // Another worker rescued the item after the lease ran out and claimed it again.
        try await connection.query("UPDATE work_item SET state = 'ready', lease_expires_at = NULL, claimed_by = NULL WHERE id = $1", [stale.id])
        let fresh = try await claim("STP", connection)[0]
        #expect(fresh.leaseToken == stale.leaseToken + 1)
        #expect(try await StepCompletion.complete(stale, actor: "late", on: connection) == .staleLease)
        let afterStale = try await connection.query("SELECT count(*) AS n FROM dossier_event WHERE kind = 'step_completed'").single().decode("n", as: Int.self)
        #expect(afterStale == 0)
        #expect(try await StepCompletion.complete(fresh, actor: "rescuer", on: connection) == .resolved)
        await connection.close()
    }
}

@Suite(.database) struct BatchCompletionTests {
    @Test func aBatchCompletesTogetherAndLeavesStaleClaimsAlone() async throws {
        let connection = try await TestDatabase.connect()
        for index in 0..<3 { _ = try await IntakeService().submit(try await SampleIntake.make("2.001610", index: index, on: connection), on: connection) }
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", index: 3, on: connection), on: connection)
        let stc = try await connection.transaction { try WorkQueue.claim(department: "STC", limit: 10, worker: "t", leaseSeconds: 60, on: $0) }
        let stp = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 10, worker: "t", leaseSeconds: 60, on: $0) }
        // One STC claim went stale (rescued and claimed again elsewhere).
        try await connection.query("UPDATE work_item SET lease_token = lease_token + 1 WHERE id = $1", [stc[2].id])
        let outcomes = try await StepCompletion.complete(stc + stp, actor: "batch", on: connection)
        #expect(outcomes[stc[0].id] == .routed(to: "THUE") && outcomes[stc[1].id] == .routed(to: "THUE"))
        #expect(outcomes[stc[2].id] == .staleLease)
        #expect(outcomes[stp[0].id] == .resolved)
        let ready = try await connection.query("SELECT count(*) AS n FROM work_item WHERE department_code = 'THUE' AND state = 'ready'").single().decode(
            "n", as: Int.self)
        #expect(ready == 2)
        let events = try await connection.query(
            "SELECT kind FROM dossier_event WHERE dossier_id = $1 ORDER BY id", [stc[0].dossierID]
        ).map { try $0.decode("kind", as: String.self) }
        #expect(events == ["received", "routed", "step_completed"])
        let stale = try await connection.query("SELECT state FROM work_item WHERE id = $1", [stc[2].id]).single().decode("state", as: String.self)
        #expect(stale == "claimed", "nothing of a stale claim changes")
        let states = try await connection.query("SELECT state, count(*) AS n FROM dossier GROUP BY state ORDER BY state").map {
            [try $0.decode("state", as: String.self), String(try $0.decode("n", as: Int.self))]
        }
        #expect(states == [["resolved", "1"], ["routed", "3"]])
        await connection.close()
    }
}
