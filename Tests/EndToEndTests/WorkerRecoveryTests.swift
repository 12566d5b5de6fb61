import Foundation
import Postgres
import TestSupport
import Testing

/// Workers surviving what happens in production: the server dropping their sessions, and a
/// worker process dying while it holds claims.
@Suite(.database, .serialized)
struct WorkerRecoveryTests {
    /// An administrator terminates the worker's sessions; it reconnects, listens again, and
    /// still answers the doorbell (its scan interval is far longer than the test).
    @Test func workerReconnectsAfterItsSessionsAreTerminated() async throws {
        let database = TestDatabase.database.conninfo
        let (_, exits) = try await MotcuaCLI.withWorkers([("STP", ["--scan-interval", "3600"])], database: database) { _ in
            try await withTestConnection { connection in
                try await eventually("the worker listens") { try await FaultSessions.listening(on: connection).count == 1 }
                let first = try await MotcuaCLI.submit(procedure: Catalog.certification, database: database).dossierCode
                try await eventually("the first dossier is resolved") { try await resolvedCount(codes: [first], on: connection) == 1 }

                // Every session of the worker (listening, claiming, running steps), by its name.
                let workerSessions = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'motcua worker STP'"
                try await eventually("the worker's sessions are named") { try await connection.query(workerSessions).count >= 2 }
                let old = Set(try await connection.query(workerSessions).map { try $0.decode("pid", as: Int32.self) })
                try await connection.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)", [old.map { Int($0) }])
                try await eventually("the worker listens again on a new session") {
                    let listening = try await FaultSessions.listening(on: connection)
                    return listening.count == 1 && !old.contains(listening[0])
                }

                let second = try await MotcuaCLI.submit(procedure: Catalog.certification, database: database).dossierCode
                try await eventually("the dossier submitted after the reconnect is resolved") {
                    try await resolvedCount(codes: [second], on: connection) == 1
                }
                let logs = try await eventLogs(codes: [first, second], on: connection)
                #expect(logs[first] == EventLine.resolvedLog(route: ["STP"]))
                #expect(logs[second] == EventLine.resolvedLog(route: ["STP"]))
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
    }

    /// A worker is killed (SIGKILL) in the middle of a step it has claimed. Its claim must not
    /// strand the dossier: once the lease runs out another worker takes the step over
    /// (`--lease-seconds`: "Seconds a claim stays valid before another worker may rescue the item").
    @Test func claimOfAKilledWorkerIsRescuedAfterItsLease() async throws {
        let database = TestDatabase.database.conninfo
        let code = try await MotcuaCLI.submit(procedure: Catalog.certification, database: database).dossierCode

        try await withTestConnection { observer in
            // The step takes 60 s, so the worker is inside it, its claim committed, when killed.
            let crashed = try MotcuaCLI.startWorker(
                department: "STP", extra: ["--lease-seconds", "1", "--simulated-step-ms", "60000"], database: database)
            do {
                try await eventually("the worker holds its claim") {
                    try await observer.count("SELECT count(*) AS n FROM work_item WHERE state = 'claimed'") == 1
                }
            } catch {
                _ = await MotcuaCLI.stop([crashed], signal: SIGKILL)
                throw error
            }
            let exit = try #require(await MotcuaCLI.stop([crashed], signal: SIGKILL).first)
            #expect(exit.status == 128 + SIGKILL, "\(exit)")
            try await eventually("the killed worker's sessions are gone") { try await FaultSessions.others(on: observer).isEmpty }

            let stranded = try await observer.query(
                "SELECT w.state, w.claimed_by FROM work_item w JOIN dossier d ON d.id = w.dossier_id WHERE d.code = $1", [code]
            ).single()
            #expect(try stranded.decode("state", as: String.self) == "claimed", "the killed worker's claim is left behind")
            #expect(try stranded.decode("claimed_by", as: String?.self)?.hasPrefix("STP@") == true)
        }

        let (_, exits) = try await MotcuaCLI.withWorkers([("STP", ["--scan-interval", "0.5"])], database: database) { _ in
            try await withTestConnection { connection in
                try await eventually("another worker completes the step after the 1 s lease", timeout: .seconds(15)) {
                    try await resolvedCount(codes: [code], on: connection) == 1
                }
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
    }
}
