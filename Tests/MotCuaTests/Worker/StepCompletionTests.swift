import Foundation
import MotCua
import Postgres
import Testing
import TestSupport

@Suite(.database) struct StepCompletionTests {
    func claim(_ department: String, _ connection: Connection, lease: Double = 60) async throws -> [ClaimedWorkItem] {
        try await connection.transaction { connection in
            try WorkQueue.claim(department: department, limit: 10, worker: "test", leaseSeconds: lease, on: connection)
        }
    }

    @Test func aDossierWalksItsRouteToResolution() async throws {
        let connection = try await TestDatabase.connect()
        let receipt = try await IntakeService().submit(try SampleIntake.make("2.001610", channel: .desk), on: connection)
        var outcomes: [StepCompletion.Outcome] = []
        for department in ["STC", "THUE", "BHXH"] {
            let items = try await claim(department, connection)
            #expect(items.count == 1)
            outcomes.append(try await StepCompletion.complete(items[0], actor: "test", on: connection))
        }
        #expect(outcomes == [.routed(to: "THUE"), .routed(to: "BHXH"), .resolved])
        let state: String = try await connection.query("SELECT state FROM dossier WHERE code = $1", [receipt.dossierCode]).single().decode("state")
        #expect(state == "resolved")
        let events = try await connection.query("SELECT kind FROM dossier_event ORDER BY id").map { try $0.decode("kind", as: String.self) }
        #expect(events == ["received", "routed", "step_completed", "routed", "step_completed", "routed", "step_completed", "resolved"])
        await connection.close()
    }

    @Test func aClaimIsNeverHandedOutTwice() async throws {
        let connection = try await TestDatabase.connect()
        for _ in 0..<3 { _ = try await IntakeService().submit(try SampleIntake.make("2.000815", channel: .desk), on: connection) }
        let first = try await claim("STP", connection)
        let second = try await claim("STP", connection)
        #expect(first.count == 3)
        #expect(second.isEmpty)
        await connection.close()
    }

    @Test func aStaleClaimChangesNothing() async throws {
        let connection = try await TestDatabase.connect()
        _ = try await IntakeService().submit(try SampleIntake.make("2.000815", channel: .desk), on: connection)
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
