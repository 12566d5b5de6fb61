import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Leases, retries, rescue, retention, officer assignment and supervision on a real queue.
@Suite(.database) struct QueueMechanicsTests {
    func queueOne(_ procedure: String = "2.000815", on connection: Connection) async throws {
        _ = try await IntakeService().submit(try await SampleIntake.make(procedure, on: connection), on: connection)
    }

    func claim(_ department: String = "STP", lease: Double = 60, on connection: Connection) async throws -> ClaimedWorkItem {
        try await connection.transaction { try WorkQueue.claim(department: department, limit: 1, worker: "test", leaseSeconds: lease, on: $0) }[0]
    }

    /// Receives one certification dossier, claims its step and assigns it.
    func assignOne(on connection: Connection) async throws -> OfficerAssignment.Outcome {
        try await queueOne(on: connection)
        return try await OfficerAssignment.assign(try await claim(on: connection), actor: "test", on: connection)
    }

    func state(_ connection: Connection) async throws -> (state: String, attempts: Int) {
        let row = try await connection.query("SELECT state, attempts FROM work_item ORDER BY id DESC LIMIT 1").single()
        return (try row.decode("state"), try row.decode("attempts"))
    }

    @Test func releasingGivesTheItemBackWithoutBurningAnAttempt() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        let item = try await claim(on: connection)
        #expect(try await state(connection) == ("claimed", 1))
        #expect(try await connection.run { try WorkQueue.release(item, on: $0) })
        #expect(try await state(connection) == ("ready", 0))
        #expect(try await !connection.run { try WorkQueue.release(item, on: $0) }, "a released claim is stale")
        await connection.close()
    }

    @Test func failedAttemptsComeBackLaterThenNeedAttention() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        try await connection.query("UPDATE work_item SET max_attempts = 2")
        let first = try await claim(on: connection)
        #expect(try await connection.run { try WorkQueue.retry(first, after: 0, error: "registry timeout", actor: "test", on: $0) })
        #expect(try await state(connection).state == "ready")
        let second = try await claim(on: connection)
        #expect(second.attempts == 2)
        #expect(try await connection.run { try WorkQueue.retry(second, after: 0, error: "registry timeout", actor: "test", on: $0) })
        #expect(try await state(connection).state == "needs_attention")
        #expect(try await !connection.run { try WorkQueue.retry(first, after: 0, error: "late", actor: "test", on: $0) }, "stale claims change nothing")
        await connection.close()
    }

    @Test func heartbeatsExtendOnlyLeasesStillHeld() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        try await queueOne(on: connection)
        let held = try await claim(on: connection)
        let lost = try await claim(on: connection)
        try await connection.query("UPDATE work_item SET lease_token = lease_token + 1 WHERE id = $1", [lost.id])
        let lostIDs = try await connection.run { try WorkQueue.heartbeat([held, lost], leaseSeconds: 600, on: $0) }
        #expect(lostIDs == [lost.id])
        let remaining: Double = try await connection.query(
            "SELECT extract(epoch FROM lease_expires_at - now())::float8 AS s FROM work_item WHERE id = $1", [held.id]
        ).single().decode("s")
        #expect(remaining > 500)
        await connection.close()
    }

    @Test func expiredLeasesAreRescued() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        let item = try await claim(on: connection)
        try await connection.query("UPDATE work_item SET lease_expires_at = now() - interval '1 second'")
        #expect(try await connection.run { try WorkQueue.rescue(department: "STP", actor: "rescuer", on: $0) } == 1)
        #expect(try await state(connection).state == "ready")
        #expect(try await StepCompletion.complete(item, actor: "late", on: connection) == .staleLease)
        let again = try await claim(on: connection)
        #expect(again.leaseToken == item.leaseToken + 1)
        await connection.close()
    }

    @Test func completedItemsMoveToHistoryAfterRetention() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        let item = try await claim(on: connection)
        _ = try await StepCompletion.complete(item, actor: "test", on: connection)
        #expect(try await connection.run { try WorkQueue.archive(olderThan: 3600, on: $0) } == 0)
        try await connection.query("UPDATE work_item SET completed_at = motcua_now() - interval '2 hours'")
        #expect(try await connection.run { try WorkQueue.archive(olderThan: 3600, on: $0) } == 1)
        #expect(try await connection.query("SELECT count(*) AS n FROM work_item").single().decode("n", as: Int.self) == 0)
        #expect(try await connection.query("SELECT count(*) AS n FROM work_item_history WHERE state = 'completed'").single().decode("n", as: Int.self) == 1)
        let summary = try await SummaryReport.read(on: connection)
        #expect(summary.departments.first?.completed == 1, "the summary still counts archived work")
        await connection.close()
    }

    @Test func reviewStepsGoToTheLeastLoadedOfficerAndSignaturesToLeaders() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            """
            INSERT INTO officer (code, department_code, display_name, role) VALUES
              ('stp.a', 'STP', 'Cán bộ A', 'officer'), ('stp.b', 'STP', 'Cán bộ B', 'officer'), ('stp.lead', 'STP', 'Lãnh đạo', 'leader')
            """)
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        var outcomes: [OfficerAssignment.Outcome] = []
        for _ in 0..<3 { outcomes.append(try await assignOne(on: connection)) }
        #expect(outcomes == ["stp.a", "stp.b", "stp.a"].map { .assigned(officer: $0) })
        try await connection.query("UPDATE procedure_step SET kind = 'signature' WHERE procedure_code = '2.000815'")
        #expect(try await assignOne(on: connection) == .assigned(officer: "stp.lead"))
        let dossierStates = try await connection.query("SELECT DISTINCT state FROM dossier").map { try $0.decode("state", as: String.self) }
        #expect(dossierStates == ["assigned"])
        await connection.close()
    }

    @Test func reviewsGoFirstToTheOfficersConfiguredForTheProcedure() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            "INSERT INTO officer (code, department_code, display_name) VALUES ('stp.a', 'STP', 'Cán bộ A'), ('stp.b', 'STP', 'Cán bộ B')")
        try await connection.query("INSERT INTO officer_procedure (officer_code, procedure_code) VALUES ('stp.b', '2.000815')")
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        #expect(try await assignOne(on: connection) == .assigned(officer: "stp.b"))
        #expect(try await assignOne(on: connection) == .assigned(officer: "stp.b"), "the configured officer, however loaded")
        try await connection.query("UPDATE officer SET active = false WHERE code = 'stp.b'")
        #expect(try await assignOne(on: connection) == .assigned(officer: "stp.a"), "anyone else when none configured is active")
        await connection.close()
    }

    @Test func aDepartmentWithoutOfficersPutsTheItemAsideForASupervisor() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        try await queueOne(on: connection)
        let item = try await claim(on: connection)
        #expect(try await OfficerAssignment.assign(item, actor: "test", on: connection) == .noOfficer)
        let lines = try await QueueSupervision.list(department: "STP", on: connection)
        #expect(lines.map(\.state) == [.needsAttention])
        #expect(lines.first?.lastError?.contains("no active officer") == true)
        try await QueueSupervision.retry(id: item.id, actor: "stp.lead", on: connection)
        #expect(try await state(connection) == ("ready", 0))
        await connection.close()
    }

    @Test func supervisorsSeeOverdueFirstAndCanTakeItemsBack() async throws {
        let connection = try await TestDatabase.connect()
        try await queueOne(on: connection)
        try await queueOne(on: connection)
        try await connection.query("UPDATE dossier SET due_at = motcua_now() - interval '1 day' WHERE id = (SELECT max(id) FROM dossier)")
        let lines = try await QueueSupervision.list(department: "STP", on: connection)
        #expect(lines.map(\.overdue) == [true, false])
        let held = try await claim(on: connection)
        try await QueueSupervision.release(id: held.id, actor: "stp.lead", on: connection)
        #expect(try await StepCompletion.complete(held, actor: "old", on: connection) == .staleLease, "the old holder's token is stale")
        let stats = try await QueueSupervision.stats(on: connection)
        #expect(stats.first { $0.department == "STP" }?.ready == 2)
        await connection.close()
    }
}

/// Pure tests: no database.
struct RetryBackoffTests {
    @Test func delaysDoubleWithinTheJitterBandUpToTheCap() {
        let backoff = RetryBackoff()
        #expect(backoff.delay(afterAttempts: 1, unit: 0.5) == 2)
        #expect(backoff.delay(afterAttempts: 3, unit: 0.5) == 8)
        #expect(backoff.delay(afterAttempts: 3, unit: 0) == 6)
        #expect(backoff.delay(afterAttempts: 3, unit: 1) == 10)
        #expect(backoff.delay(afterAttempts: 30, unit: 0.5) == 3600)
        #expect(backoff.delay(afterAttempts: 100, unit: 0.5) == 3600)
    }
}
