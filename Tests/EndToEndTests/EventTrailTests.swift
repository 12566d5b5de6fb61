import Foundation
import Postgres
import Synchronization
import TestSupport
import Testing

/// Every command and process that changes a dossier's or its work's state, run as an operator
/// runs them (separate `motcua` processes), writes exactly its events: the log grows by what
/// each did, and every dossier's last event leads to the state it is in.
@Suite(.database)
struct EventTrailTests {
    @Test func everyCommandAndProcessThatChangesStateWritesItsEvents() async throws {
        let database = TestDatabase.database.conninfo
        try await withTestConnection { db in
            let trail = Trail(db: db)

            // Intake, then three departments' workers carry the dossier to its resolution.
            let receipt = try await MotcuaCLI.submit(procedure: "2.001610", database: database)
            try await trail.expect([.received, .routed])
            let (_, exits) = try await MotcuaCLI.withWorkers([("STC", []), ("THUE", []), ("BHXH", [])], database: database) { _ in
                try await eventually("the dossier is resolved") {
                    try await db.count("SELECT count(*) AS n FROM dossier WHERE code = $1 AND state = 'resolved'", [receipt.dossierCode]) == 1
                }
            }
            #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
            try await trail.expect([.stepCompleted, .stepCompleted, .stepCompleted])

            // A review step in a department without officers: put aside; a supervisor retries
            // it once an officer exists, the worker assigns it, a supervisor takes it back and
            // the worker assigns it again.
            try await db.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
            _ = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
            try await trail.expect([.received, .routed])
            let (_, reviewExits) = try await MotcuaCLI.withWorkers([("STP", ["--scan-interval", "0.2"])], database: database) { _ in
                try await eventually("the step is put aside") { try await db.count("SELECT count(*) AS n FROM work_item WHERE state = 'needs_attention'") == 1 }
                try await trail.expect([.putAside])
                let id: Int64 = try await db.query("SELECT id FROM work_item WHERE state = 'needs_attention'").single().decode("id")
                try await db.query("INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ 01')")
                let retry = try await MotcuaCLI.run(["queue", "retry", String(id), "--actor", "stp.lead"], database: database)
                #expect(retry.status == 0, "\(retry)")
                try await eventually("the step is assigned") { try await db.count("SELECT count(*) AS n FROM work_item WHERE state = 'assigned'") == 1 }
                try await trail.expect([.retried, .assigned])
                let release = try await MotcuaCLI.run(["queue", "release", String(id), "--actor", "stp.lead"], database: database)
                #expect(release.status == 0, "\(release)")
                try await eventually("the step is assigned again") {
                    try await db.count("SELECT count(*) AS n FROM dossier_event WHERE kind = 'assigned'") == 2
                }
                try await trail.expect([.released, .assigned])
                // Refused commands write nothing.
                let again = try await MotcuaCLI.run(["queue", "retry", String(id), "--actor", "stp.lead"], database: database)
                #expect(again.status == 1 && again.stderr.contains("work item \(id) is assigned"), "\(again)")
                try await trail.expect([])
            }
            #expect(reviewExits.allSatisfy { $0.status == 0 }, "\(reviewExits)")
        }
    }
}

/// The log between the steps of a walk.
private final class Trail: Sendable {
    let db: Connection
    private let seen = Mutex<Int64>(0)

    init(db: Connection) { self.db = db }

    enum Kind: String {
        case received, routed
        case stepCompleted = "step_completed"
        case putAside = "put_aside"
        case retried, assigned, released
    }

    func expect(_ kinds: [Kind], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let last = seen.withLock { $0 }
        let rows = try await db.query("SELECT id, kind FROM dossier_event WHERE id > $1 ORDER BY id", [last])
        let new: [String] = try rows.map { try $0.decode("kind") }
        #expect(new == kinds.map(\.rawValue), sourceLocation: sourceLocation)
        if let top: Int64 = try rows.last?.decode("id") { seen.withLock { $0 = top } }
        let astray = try await db.count(
            """
            SELECT count(*) AS n FROM dossier d
            WHERE d.state IS DISTINCT FROM (SELECT e.to_state FROM dossier_event e WHERE e.dossier_id = d.id ORDER BY e.id DESC LIMIT 1)
            """)
        #expect(astray == 0, "every dossier's last event leads to its state", sourceLocation: sourceLocation)
    }
}
