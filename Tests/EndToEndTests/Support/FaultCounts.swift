import Foundation
import Postgres
import TestSupport
import Testing

/// What a fault scenario did to the dossiers it submitted, as the issue "Department queues and
/// worker processes" counts it:
/// - completed: dossiers in state `resolved`;
/// - lost: submitted minus completed once the run has settled (a bounded wait);
/// - processed twice: (dossier, department) pairs with more than one `step_completed` event,
///   for every step of every dossier must complete exactly once.
struct FaultCounts: Sendable, CustomStringConvertible {
    let submitted: Int
    let completed: Int
    let processedTwice: Int
    /// Every `step_completed` event of the submitted dossiers.
    let stepCompletions: Int
    /// A few of the unresolved dossiers with their work items, and the doubled steps, for the
    /// failure messages ("" when there are none).
    let diagnostics: String

    var lost: Int { submitted - completed }

    var description: String {
        "dossiers submitted \(submitted), completed \(completed), lost \(lost), processed twice \(processedTwice)"
    }

    /// Counts the dossiers with the given codes as they are now.
    static func measure(codes: [String], on connection: Connection) async throws -> FaultCounts {
        let completed = try await connection.count(
            "SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [codes])
        let twice = try await connection.query(
            """
            SELECT d.code, e.department_code, count(*) AS n
            FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
            WHERE d.code = ANY($1) AND e.kind = 'step_completed'
            GROUP BY d.code, e.department_code HAVING count(*) > 1
            ORDER BY d.code, e.department_code
            """,
            [codes])
        let steps = try await connection.count(
            """
            SELECT count(*) AS n FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
            WHERE d.code = ANY($1) AND e.kind = 'step_completed'
            """,
            [codes])
        var notes: [String] = []
        for row in twice.prefix(10) {
            notes.append(
                "\(try row.decode("code", as: String.self)) completed \(try row.decode("n", as: Int.self)) times at \(try row.decode("department_code", as: String?.self) ?? "?")"
            )
        }
        if completed < codes.count {
            let open = try await connection.query(
                """
                SELECT d.code, d.state, d.current_step,
                       coalesce(string_agg(w.department_code || ':' || w.state || ' attempts ' || w.attempts
                                           || coalesce(' by ' || w.claimed_by, '')
                                           || CASE WHEN w.state <> 'claimed' THEN ''
                                                   WHEN w.lease_expires_at > now() THEN ', lease live' ELSE ', lease expired' END
                                           || coalesce(', last heartbeat ' || round(extract(epoch FROM now() - w.heartbeat_at))::text || ' s ago', ''),
                                           '; ' ORDER BY w.step_position), 'no work item') AS items
                FROM dossier d LEFT JOIN work_item w ON w.dossier_id = d.id
                WHERE d.code = ANY($1) AND d.state <> 'resolved'
                GROUP BY d.id, d.code, d.state, d.current_step ORDER BY d.id LIMIT 10
                """,
                [codes])
            for row in open {
                notes.append(
                    "\(try row.decode("code", as: String.self)) is \(try row.decode("state", as: String.self)) at step \(try row.decode("current_step", as: Int?.self).map(String.init) ?? "-"): \(try row.decode("items", as: String.self))"
                )
            }
        }
        return FaultCounts(
            submitted: codes.count, completed: completed, processedTwice: twice.count, stepCompletions: steps,
            diagnostics: notes.joined(separator: "\n"))
    }

    /// Waits until every dossier is resolved or `timeout` has passed, then counts. Passing the
    /// deadline is not an error here: whatever is still open then is lost.
    static func settle(codes: [String], on connection: Connection, timeout: Duration = .seconds(60)) async throws -> FaultCounts {
        _ = try await reached(timeout) {
            try await connection.count("SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [codes]) == codes.count
        }
        return try await measure(codes: codes, on: connection)
    }

    /// Prints the scenario's count line and expects that nothing was lost and nothing was
    /// processed twice.
    func report(_ scenario: String, note: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        printLine(scenario, note: note)
        expectNothingLost(scenario, sourceLocation: sourceLocation)
        expectNothingProcessedTwice(scenario, sourceLocation: sourceLocation)
    }

    /// Prints `QueueFaultTests [scenario]: dossiers submitted N, completed N, lost N, processed twice N[; note]`.
    func printLine(_ scenario: String, note: String? = nil) {
        print("QueueFaultTests [\(scenario)]: \(self)" + (note.map { "; \($0)" } ?? ""))
    }

    func expectNothingLost(_ scenario: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lost == 0, "\(scenario): \(lost) of \(submitted) dossiers were not resolved\n\(diagnostics)", sourceLocation: sourceLocation)
    }

    func expectNothingProcessedTwice(_ scenario: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(processedTwice == 0, "\(scenario): \(processedTwice) steps completed more than once\n\(diagnostics)", sourceLocation: sourceLocation)
    }
}

/// Polls `condition` until it holds (true) or `timeout` passes (false); unlike `eventually`,
/// running out of time is an answer, not an error.
func reached(
    _ timeout: Duration = .seconds(60), interval: Duration = .milliseconds(200), _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try await condition() { return true }
        guard clock.now < deadline else { return false }
        try await Task.sleep(for: interval)
    }
}

/// Many submissions at once through one `motcua intake submit --file FILE --format json`
/// process (JSON Lines, one fictional applicant per line).
enum BulkIntake {
    private struct Line: Encodable {
        struct Applicant: Encodable {
            let fullName: String
            let citizenID: String
            let phone: String

            enum CodingKeys: String, CodingKey {
                case fullName = "full_name"
                case citizenID = "citizen_id"
                case phone
            }
        }

        let procedure: String
        let channel: String
        let applicant: Applicant
        let allDocuments: Bool

        enum CodingKeys: String, CodingKey {
            case procedure, channel, applicant
            case allDocuments = "all_documents"
        }
    }

    private static let names = ["Đỗ Văn An", "Nguyễn Thị Bình", "Trần Quốc Cường", "Lê Thị Dung", "Phạm Minh Đức", "Hoàng Thị Hà"]

    /// One submission line: a person born in 1985 in Đồng Nai (CCCD 075 0 85 …), numbered by `index`.
    static func line(procedure: String, index: Int) throws -> String {
        let line = Line(
            procedure: procedure, channel: ["desk", "online", "post"][index % 3],
            applicant: .init(
                fullName: names[index % names.count], citizenID: "075085" + String(format: "%06d", index % 1_000_000),
                phone: "0912" + String(format: "%06d", index % 1_000_000)),
            allDocuments: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(line), as: UTF8.self)
    }

    /// Submits `count` dossiers of `procedure` in one process; requires success and returns the
    /// dossier codes in input order.
    static func submit(
        procedure: String, count: Int, firstIndex: Int = 0, database: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        precondition(count > 0)
        let path = MotcuaCLI.temporaryPath("intake.jsonl")
        let text = try (firstIndex..<(firstIndex + count)).map { try line(procedure: procedure, index: $0) }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await MotcuaCLI.run(["intake", "submit", "--file", path, "--format", "json"], database: database)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let decoder = MotcuaCLI.jsonDecoder
        let receipts: [ReceiptJSON]
        do {
            receipts =
                count == 1
                ? [try decoder.decode(ReceiptJSON.self, from: Data(result.stdout.utf8))]
                : try result.stdout.split(separator: "\n").filter { !$0.isEmpty }.map { try decoder.decode(ReceiptJSON.self, from: Data($0.utf8)) }
        } catch {
            throw EndToEndError("the receipts are not the expected JSON Lines (\(error))\n\(result)")
        }
        let codes = receipts.map(\.dossierCode)
        try #require(codes.count == count, "one receipt per submission: \(result)", sourceLocation: sourceLocation)
        try #require(Set(codes).count == count, "dossier codes are unique: \(codes)", sourceLocation: sourceLocation)
        return codes
    }
}

/// The worker processes of one scenario, started and stopped as the scenario goes; whatever is
/// still running at the end (also on failure) is continued (SIGCONT) and stopped with SIGTERM.
actor WorkerFleet {
    let database: String
    private var running: [WorkerProcess] = []

    init(database: String) { self.database = database }

    /// Starts `motcua worker --department department extra…`.
    func start(_ department: String, _ extra: [String] = [], logLevel: String = "warning") throws -> WorkerProcess {
        let worker = try MotcuaCLI.startWorker(department: department, extra: extra, database: database, logLevel: logLevel)
        running.append(worker)
        return worker
    }

    /// Sends `signal` to one worker (after SIGCONT, so a paused worker can act on it), waits
    /// (bounded) and returns how it ended with its output.
    func stop(_ worker: WorkerProcess, signal: Int32 = SIGTERM) async -> WorkerExit {
        running.removeAll { $0.child.pid == worker.child.pid }
        worker.child.signal(SIGCONT)
        return await MotcuaCLI.stop([worker], signal: signal)[0]
    }

    /// Stops every worker still running with SIGTERM.
    func stopAll() async -> [WorkerExit] {
        let workers = running
        running.removeAll()
        for worker in workers { worker.child.signal(SIGCONT) }
        return await MotcuaCLI.stop(workers)
    }
}

/// Runs `body` with a fleet of workers and stops every worker still running afterwards, also
/// when `body` throws (their output then goes to stderr before the error is rethrown).
func withWorkerFleet<T: Sendable>(
    database: String, _ body: (WorkerFleet) async throws -> T
) async throws -> (result: T, exits: [WorkerExit]) {
    let fleet = WorkerFleet(database: database)
    let result: T
    do {
        result = try await body(fleet)
    } catch {
        let exits = await fleet.stopAll()
        FileHandle.standardError.write(Data((exits.map(\.description).joined(separator: "\n") + "\n").utf8))
        throw error
    }
    return (result, await fleet.stopAll())
}

/// Opens a connection with `conninfo`, runs `body`, and closes it.
func withConnection<T: Sendable>(_ conninfo: String, _ body: (Connection) async throws -> T) async throws -> T {
    let connection = try await Connection.connect(conninfo)
    do {
        let result = try await body(connection)
        await connection.close()
        return result
    } catch {
        await connection.close()
        throw error
    }
}

/// Runs a blocking call (`pg_ctl`, `initdb`) on a thread of its own instead of a thread of the
/// cooperative pool.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// Sessions on the connection's database, as `pg_stat_activity` shows them.
enum FaultSessions {
    /// Client sessions other than the connection's own.
    static func others(on connection: Connection) async throws -> [Int32] {
        try await connection.query(
            """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """
        ).map { try $0.decode("pid", as: Int32.self) }
    }

    /// Sessions whose last statement was a LISTEN (a worker's listener).
    static func listening(on connection: Connection) async throws -> [Int32] {
        try await connection.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %'"
        ).map { try $0.decode("pid", as: Int32.self) }
    }

    /// Terminates the given sessions (`pg_terminate_backend`).
    static func terminate(_ pids: [Int32], on connection: Connection) async throws {
        try await connection.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)", [pids.map { Int($0) }])
    }
}

/// The scheduling state of a process, from `/proc/<pid>/stat`.
enum ProcessStatus {
    /// The state letter (R running, S sleeping, T stopped, Z zombie, …); nil without `/proc`.
    static func state(_ pid: pid_t) -> Character? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].first { $0 != " " }
    }

    /// Whether the process is alive (neither exited nor a zombie waiting to be reaped).
    static func isRunning(_ pid: pid_t) -> Bool {
        if let state = state(pid) { return state != "Z" && state != "X" }
        return FileManager.default.fileExists(atPath: "/proc") ? false : kill(pid, 0) == 0
    }
}
