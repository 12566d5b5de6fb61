import Foundation
import Postgres
import TestSupport
import Testing

/// The department queue under faults, with real `motcua` processes: a worker killed or paused
/// in the middle of a step, PostgreSQL restarted under running workers, four workers racing
/// for one queue, and a worker's LISTEN session terminated. Each scenario prints one line
/// (`dossiers submitted N, completed N, lost N, processed twice N`) and requires that nothing
/// is lost and no step of any dossier completes twice.
///
/// Serialized: each scenario runs several processes, and the machine has two cores.
@Suite(.database, .serialized)
struct QueueFaultTests {
    private static let enterprise = "2.001610"  // STC → THUE → BHXH, all automatic
    private static let certification = "2.000815"  // STP, automatic
    private static let enterpriseRoute = ["STC", "THUE", "BHXH"]

    /// `claimed_by` of the items in state `claimed` among the given dossiers (the worker IDs
    /// that hold claims).
    private func claimers(codes: [String], on connection: Connection) async throws -> [String] {
        try await connection.query(
            """
            SELECT DISTINCT w.claimed_by FROM work_item w JOIN dossier d ON d.id = w.dossier_id
            WHERE d.code = ANY($1) AND w.state = 'claimed' ORDER BY 1
            """,
            [codes]
        ).map { try $0.decode("claimed_by", as: String.self) }
    }

    /// IDs of the work items `worker` holds a claim on.
    private func items(claimedBy worker: String, on connection: Connection) async throws -> [Int64] {
        try await connection.query("SELECT id FROM work_item WHERE state = 'claimed' AND claimed_by = $1 ORDER BY id", [worker])
            .map { try $0.decode("id", as: Int64.self) }
    }

    /// `step_completed` events recorded by `actor` among the given dossiers.
    private func completions(by actor: String, codes: [String], on connection: Connection) async throws -> Int {
        try await connection.count(
            """
            SELECT count(*) AS n FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
            WHERE d.code = ANY($1) AND e.kind = 'step_completed' AND e.actor = $2
            """,
            [codes, actor])
    }

    // MARK: - 1. kill -9 in the middle of a step

    /// A worker is killed with SIGKILL while it is inside a step and holds claims on a batch.
    /// Its claims outlive it, but only for its short lease: a second worker takes the items
    /// back and every step completes exactly once.
    @Test func workerKilledInTheMiddleOfAStepLosesNothing() async throws {
        let database = TestDatabase.database.conninfo
        let codes = try await BulkIntake.submit(procedure: Self.enterprise, count: 20, database: database)
        let fast = ["--lease-seconds", "1", "--scan-interval", "0.5"]

        let (counts, exits) = try await withWorkerFleet(database: database) { fleet in
            try await withTestConnection { observer in
                // Each step takes 60 s, so the worker is inside its steps when it is killed.
                let victim = try await fleet.start("STC", fast + ["--batch-size", "8", "--simulated-step-ms", "60000"])
                try await eventually("the STC worker holds claims") { try await claimers(codes: codes, on: observer).count == 1 }
                let killed = await fleet.stop(victim, signal: SIGKILL)
                #expect(killed.status == 128 + SIGKILL, "\(killed)")
                try await eventually("the killed worker's sessions are gone") { try await FaultSessions.others(on: observer).isEmpty }

                let holders = try await claimers(codes: codes, on: observer)
                try #require(holders.count == 1, "only the killed worker held claims: \(holders)")
                let victimID = holders[0]
                let stranded = try await items(claimedBy: victimID, on: observer)
                #expect(!stranded.isEmpty, "the killed worker left claims behind")

                // The rescuer of STC, and the next departments of the route.
                for department in Self.enterpriseRoute { _ = try await fleet.start(department, fast) }
                let counts = try await FaultCounts.settle(codes: codes, on: observer)

                let finished = try await observer.count(
                    "SELECT count(*) AS n FROM work_item WHERE id = ANY($1) AND state = 'completed'", [stranded])
                #expect(finished == stranded.count, "every item the killed worker held was taken back and completed")
                #expect(try await completions(by: victimID, codes: codes, on: observer) == 0, "the killed worker completed nothing")
                #expect(counts.stepCompletions == counts.completed * Self.enterpriseRoute.count, "\(counts.diagnostics)")
                return counts
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
        counts.report("kill -9 mid-step")
    }

    // MARK: - 2. SIGSTOP past the lease, then SIGCONT

    /// A worker is paused (SIGSTOP) inside its steps, past its lease; a second worker takes its
    /// items over and finishes them. When the first is continued, its steps end and the fencing
    /// token refuses every one of its late completions: nothing completes twice. Both then stop
    /// cleanly.
    @Test func pausedWorkerResumingPastItsLeaseCompletesNothingTwice() async throws {
        let database = TestDatabase.database.conninfo
        let codes = try await BulkIntake.submit(procedure: Self.certification, count: 20, database: database)
        let lease = ["--lease-seconds", "1"]

        let ((counts, note, pausedLog), exits) = try await withWorkerFleet(database: database) { fleet in
            try await withTestConnection { observer in
                // Each step takes 5 s, so the worker is inside its steps when it is paused.
                let paused = try await fleet.start("STP", lease + ["--batch-size", "8", "--scan-interval", "0.5", "--simulated-step-ms", "5000"])
                try await eventually("the first worker holds claims") { try await claimers(codes: codes, on: observer).count == 1 }
                paused.child.signal(SIGSTOP)
                if ProcessStatus.state(paused.child.pid) != nil {
                    try await eventually("the first worker is stopped") { ProcessStatus.state(paused.child.pid) == "T" }
                }

                let holders = try await claimers(codes: codes, on: observer)
                try #require(holders.count == 1, "only the paused worker holds claims: \(holders)")
                let pausedID = holders[0]
                let held = try await items(claimedBy: pausedID, on: observer)

                let rescuer = try await fleet.start("STP", lease + ["--scan-interval", "0.5"])
                // The paused worker sends no heartbeat, so its leases run out: the second worker
                // takes everything over while the first is still stopped.
                try await eventually("the second worker finishes every dossier while the first is stopped") {
                    try await observer.count("SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [codes]) == codes.count
                }
                let takenOver = try await observer.count(
                    """
                    SELECT count(*) AS n FROM work_item w JOIN dossier_event e
                      ON e.dossier_id = w.dossier_id AND e.kind = 'step_completed' AND e.department_code = w.department_code
                    WHERE w.id = ANY($1) AND e.actor <> $2
                    """,
                    [held, pausedID])
                #expect(takenOver == held.count, "the second worker took over every item the paused worker held past its lease (held \(held.count))")
                #expect(try await completions(by: pausedID, codes: codes, on: observer) == 0, "the paused worker completed nothing while stopped")

                paused.child.signal(SIGCONT)
                let counts = try await FaultCounts.settle(codes: codes, on: observer)
                let byPaused = try await completions(by: pausedID, codes: codes, on: observer)
                #expect(byPaused == 0, "the fencing token refused every late completion of the first worker, yet it completed \(byPaused)")
                #expect(counts.stepCompletions == counts.completed, "\(counts.diagnostics)")
                #expect(ProcessStatus.isRunning(paused.child.pid) && ProcessStatus.isRunning(rescuer.child.pid), "both workers still run")

                // SIGTERM both; the resumed worker's output is kept to check its late writes.
                let pausedExit = await fleet.stop(paused)
                #expect(pausedExit.status == 0, "\(pausedExit)")
                let note = "the paused worker held \(held.count) items, \(takenOver) were taken over, it completed \(byPaused) after SIGCONT"
                return (counts, note, pausedExit.log)
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
        #expect(!pausedLog.contains("step failed"), "the resumed worker's late writes were refused cleanly, not failed:\n\(pausedLog)")
        counts.report("SIGSTOP past the lease, SIGCONT", note: note)
    }

    // MARK: - 3. PostgreSQL restarted under running workers

    /// The server restarts while workers are busy: they reconnect, listen again and miss
    /// nothing, neither the work they were doing nor what is submitted after the restart.
    /// Runs on a cluster of its own (the shared test server is never restarted).
    @Test func workersSurviveAPostgresRestart() async throws {
        let cluster = LocalCluster(directory: "/tmp/motcua-fault-\(UUID().uuidString)", port: 5432, binaries: try ServerBinaries.locate())
        try cluster.stopWhenProcessExits(getpid())
        try await runBlocking { try cluster.start(settings: ["fsync": "off"]) }
        do {
            try await withConnection(cluster.url(database: "postgres")) { try await $0.execute("CREATE DATABASE motcua_fault") }
            let database = cluster.url(database: "motcua_fault")
            let migrated = try await MotcuaCLI.run(["migrate"], database: database)
            try #require(migrated.status == 0, "\(migrated)")
            try await TestDatabase.startSimulatedClock(conninfo: database)

            // A short lease so the claims of a batch cut off by the restart come back quickly.
            let options = ["--lease-seconds", "2", "--scan-interval", "1"]
            let ((counts, note), exits) = try await withWorkerFleet(database: database) { fleet in
                var workers: [WorkerProcess] = []
                for department in Self.enterpriseRoute { workers.append(try await fleet.start(department, options)) }
                try await withConnection(database) { observer in
                    try await eventually("every worker listens") { try await FaultSessions.listening(on: observer).count == workers.count }
                }

                let before = try await BulkIntake.submit(procedure: Self.enterprise, count: 30, database: database)
                let resolvedAtRestart = try await withConnection(database) { observer in
                    try await observer.count("SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [before])
                }
                try await runBlocking { try cluster.restart() }

                return try await withConnection(database) { observer in
                    try await eventually("every worker listens again on the restarted server") {
                        try await FaultSessions.listening(on: observer).count == workers.count
                    }
                    let after = try await BulkIntake.submit(procedure: Self.enterprise, count: 30, firstIndex: 30, database: database)
                    let counts = try await FaultCounts.settle(codes: before + after, on: observer)
                    #expect(counts.stepCompletions == counts.completed * Self.enterpriseRoute.count, "\(counts.diagnostics)")
                    for worker in workers {
                        #expect(ProcessStatus.isRunning(worker.child.pid), "the \(worker.department) worker still runs after the restart")
                    }
                    return (counts, "\(resolvedAtRestart) of the first 30 were resolved when the server restarted")
                }
            }
            for exit in exits { #expect(exit.status == 0, "\(exit)") }
            counts.printLine("PostgreSQL restart", note: note)
            counts.expectNothingProcessedTwice("PostgreSQL restart")
            counts.expectNothingLost("PostgreSQL restart")
        } catch {
            try? await runBlocking { try cluster.stop() }
            try? FileManager.default.removeItem(atPath: cluster.directory)
            throw error
        }
        try await runBlocking { try cluster.stop() }
        try? FileManager.default.removeItem(atPath: cluster.directory)
    }

    // MARK: - 4. Four workers of one department

    /// Four workers of STP race for one queue in small batches, each working on four items at
    /// once: every item is claimed once and completed once.
    @Test func fourWorkersOfOneDepartmentNeverTakeTheSameItemTwice() async throws {
        let database = TestDatabase.database.conninfo
        let options = ["--batch-size", "4", "--concurrency", "4"]

        // Half waits in the queue when the workers start; half arrives while they run.
        let first = try await BulkIntake.submit(procedure: Self.certification, count: 100, database: database)
        let (counts, exits) = try await withWorkerFleet(database: database) { fleet in
            for _ in 0..<4 { _ = try await fleet.start("STP", options) }
            let second = try await BulkIntake.submit(procedure: Self.certification, count: 100, firstIndex: 100, database: database)
            let codes = first + second
            return try await withTestConnection { observer in
                let counts = try await FaultCounts.settle(codes: codes, on: observer)
                let items = try await observer.query(
                    """
                    SELECT count(*) AS items,
                           count(*) FILTER (WHERE w.state = 'completed') AS completed,
                           count(*) FILTER (WHERE w.attempts <> 1) AS reclaimed
                    FROM work_item w JOIN dossier d ON d.id = w.dossier_id WHERE d.code = ANY($1)
                    """,
                    [codes]
                ).single()
                #expect(try items.decode("items", as: Int.self) == codes.count, "one work item per dossier")
                #expect(try items.decode("completed", as: Int.self) == codes.count, "every work item is completed")
                #expect(try items.decode("reclaimed", as: Int.self) == 0, "no work item was claimed more than once")
                #expect(counts.stepCompletions == codes.count, "one step_completed event per work item\n\(counts.diagnostics)")
                return counts
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
        counts.report("4 STP workers, \(options.joined(separator: " "))")
    }

    // MARK: - 5. The LISTEN session terminated

    /// An administrator terminates the workers' LISTEN sessions, and later every session they
    /// have: work submitted right after is still picked up (the scan interval is the safety
    /// net), the listeners come back on new sessions, and work submitted then is picked up too.
    @Test func terminatedListenSessionsComeBackAndNothingIsMissed() async throws {
        let database = TestDatabase.database.conninfo
        let options = ["--scan-interval", "1"]
        let round = 10

        let (counts, exits) = try await withWorkerFleet(database: database) { fleet in
            for department in Self.enterpriseRoute { _ = try await fleet.start(department, options) }
            return try await withTestConnection { observer in
                var codes: [String] = []
                /// Submits a round and waits (bounded) for it; a round that does not finish
                /// fails the test but the scenario goes on, so the counts cover everything.
                func submitRound(_ what: String) async throws {
                    let batch = try await BulkIntake.submit(procedure: Self.enterprise, count: round, firstIndex: codes.count, database: database)
                    codes += batch
                    let done = try await reached {
                        try await observer.count("SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [batch]) == batch.count
                    }
                    #expect(done, "the dossiers submitted \(what) are resolved")
                }
                let listeners = Self.enterpriseRoute.count
                try await eventually("every worker listens") { try await FaultSessions.listening(on: observer).count == listeners }
                try await submitRound("before any fault")

                // Only the LISTEN sessions.
                let oldListeners = Set(try await FaultSessions.listening(on: observer))
                try await FaultSessions.terminate(Array(oldListeners), on: observer)
                try await submitRound("right after the LISTEN sessions were terminated")
                let back = try await reached {
                    let now = try await FaultSessions.listening(on: observer)
                    return now.count == listeners && oldListeners.isDisjoint(with: now)
                }
                #expect(back, "every worker listens again, on a new session")
                try await submitRound("after the listeners came back")

                // Every session of every worker.
                let oldSessions = Set(try await FaultSessions.others(on: observer))
                try await FaultSessions.terminate(Array(oldSessions), on: observer)
                try await submitRound("right after all the workers' sessions were terminated")
                let backAgain = try await reached {
                    let now = try await FaultSessions.listening(on: observer)
                    return now.count == listeners && oldSessions.isDisjoint(with: now)
                }
                #expect(backAgain, "every worker listens again after all its sessions were terminated")
                try await submitRound("after the workers reconnected")

                let counts = try await FaultCounts.settle(codes: codes, on: observer)
                #expect(counts.stepCompletions == counts.completed * Self.enterpriseRoute.count, "\(counts.diagnostics)")
                return counts
            }
        }
        for exit in exits { #expect(exit.status == 0, "\(exit)") }
        counts.printLine("LISTEN sessions terminated")
        counts.expectNothingProcessedTwice("LISTEN sessions terminated")
        counts.expectNothingLost("LISTEN sessions terminated")
    }
}
