import Foundation
import MotCua
import MotCuaDemo
import Postgres
import Synchronization
import TestSupport
import Testing

/// Every change of a dossier's state, and of its work's state outside a lease's own mechanics,
/// writes exactly its events in the same transaction: this walks every path that changes state
/// and checks how much the log grew, and that each dossier's last event leads to its state.
@Suite(.database) struct EventLogTests {
    @Test func everyPathThatChangesStateWritesExactlyItsEvents() async throws {
        let connection = try await TestDatabase.connect()
        let log = EventCounter(connection: connection)

        // Intake: a receipt is received + routed; a supplement request and a refusal one each.
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", index: 1, on: connection), on: connection)
        try await log.expect(grew: 2, by: [.received, .routed])
        try await connection.query(
            "INSERT INTO procedure_document (procedure_code, procedure_version, code, name) VALUES ('2.001610', 1, 'application_form', 'Giấy đề nghị')")
        var incomplete = SampleSubmissions.request(index: 2, procedure: "2.001610", channel: .desk)
        incomplete.allDocuments = nil
        let now = try await DatabaseClock.now(on: connection)
        _ = try await IntakeService().submit(try ValidatedIntake(incomplete, now: now), on: connection)
        try await log.expect(grew: 1, by: [.supplementRequested])
        var refused = SampleSubmissions.request(index: 3, procedure: "2.001610", channel: .desk)
        refused.refuseReason = "Không thuộc thẩm quyền"
        _ = try await IntakeService().submit(try ValidatedIntake(refused, now: now), on: connection)
        try await log.expect(grew: 1, by: [.refused])

        // Lease mechanics write nothing: a claim, a heartbeat, a worker giving back a claim it never started.
        var item = try await claim(on: connection)
        _ = try await heartbeat(item, on: connection)
        #expect(try await giveBack(item, on: connection))
        try await log.expect(grew: 0, by: [])

        // A failed attempt, then an expired lease taken back by a rescuer.
        item = try await claim(on: connection)
        #expect(try await fail(item, on: connection))
        try await log.expect(grew: 1, by: [.stepFailed])
        item = try await claim(on: connection)
        try await connection.query("UPDATE work_item SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [item.id])
        #expect(try await connection.run { try WorkQueue.rescue(department: "STP", actor: "w2", on: $0) } == 1)
        try await log.expect(grew: 1, by: [.leaseExpired])

        // Completing the step resolves the dossier: one event.
        item = try await claim(on: connection)
        #expect(try await StepCompletion.complete(item, actor: "w1", on: connection) == .resolved)
        try await log.expect(grew: 1, by: [.stepCompleted])

        // A review step: no officer puts it aside; a supervisor retries it; an officer gets it;
        // a supervisor takes it back (the dossier is routed again).
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", index: 4, on: connection), on: connection)
        try await log.expect(grew: 2, by: [.received, .routed])
        item = try await claim(on: connection)
        #expect(try await OfficerAssignment.assign(item, actor: "w1", on: connection) == .noOfficer)
        try await log.expect(grew: 1, by: [.putAside])
        try await QueueSupervision.retry(id: item.id, actor: "stp.lead", on: connection)
        try await log.expect(grew: 1, by: [.retried])
        try await connection.query("INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ 01')")
        item = try await claim(on: connection)
        #expect(try await OfficerAssignment.assign(item, actor: "w1", on: connection) == .assigned(officer: "stp.cb01"))
        try await log.expect(grew: 1, by: [.assigned])
        try await QueueSupervision.release(id: item.id, actor: "stp.lead", on: connection)
        try await log.expect(grew: 1, by: [.released])
        let state: DossierState = try await connection.query("SELECT state FROM dossier WHERE id = $1", [item.dossierID]).single().decode("state")
        #expect(state == .routed)

        // Attempts used up: the failure puts the step aside, in one event.
        try await connection.query("UPDATE work_item SET max_attempts = 1 WHERE id = $1", [item.id])
        try await connection.query("UPDATE procedure_step SET kind = 'automatic' WHERE procedure_code = '2.000815'")
        item = try await claim(on: connection)
        #expect(try await fail(item, on: connection))
        try await log.expect(grew: 1, by: [.putAside])

        // Refused actions write nothing.
        await #expect(throws: MotCuaError.self) { try await QueueSupervision.release(id: 999_999, actor: "stp.lead", on: connection) }
        await #expect(throws: MotCuaError.self) { try await QueueSupervision.retry(id: item.id - 1, actor: "stp.lead", on: connection) }
        try await log.expect(grew: 0, by: [])
        await connection.close()
    }

    func heartbeat(_ item: ClaimedWorkItem, on connection: Connection) async throws -> Set<Int64> {
        try await connection.run { try WorkQueue.heartbeat([item], leaseSeconds: 60, on: $0) }
    }

    func giveBack(_ item: ClaimedWorkItem, on connection: Connection) async throws -> Bool {
        try await connection.run { try WorkQueue.release(item, on: $0) }
    }

    func fail(_ item: ClaimedWorkItem, on connection: Connection) async throws -> Bool {
        try await connection.run { try WorkQueue.retry(item, after: 0, error: "registry timeout", actor: "w1", on: $0) }
    }

    func claim(on connection: Connection) async throws -> ClaimedWorkItem {
        try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "w1", leaseSeconds: 60, on: $0) }[0]
    }
}

/// Counts the log between steps of a walk, and checks that every dossier's last event leads to
/// the state the dossier is in.
final class EventCounter: Sendable {
    let connection: Connection
    private let seen = Mutex(0)

    init(connection: Connection) { self.connection = connection }

    func expect(grew count: Int, by kinds: [DossierEventKind], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let last = seen.withLock { $0 }
        let new: [DossierEventKind] = try await connection.query("SELECT kind FROM dossier_event WHERE id > $1 ORDER BY id", [Int64(last)]).map {
            try $0.decode("kind")
        }
        #expect(new.count == count && new == kinds, "\(new)", sourceLocation: sourceLocation)
        let top: Int64 = try await connection.query("SELECT coalesce(max(id), 0) AS n FROM dossier_event").single().decode("n")
        seen.withLock { $0 = Int(top) }
        let astray: Int = try await connection.query(
            """
            SELECT count(*) AS n FROM dossier d
            WHERE d.state IS DISTINCT FROM (SELECT e.to_state FROM dossier_event e WHERE e.dossier_id = d.id ORDER BY e.id DESC LIMIT 1)
            """
        ).single().decode("n")
        #expect(astray == 0, "every dossier's last event leads to its state", sourceLocation: sourceLocation)
    }
}
