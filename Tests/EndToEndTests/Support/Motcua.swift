import Foundation
import Postgres
import TestSupport
import Testing

/// A failure of the end-to-end harness itself (binary missing, a wait that timed out, …).
struct EndToEndError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What one run of `motcua` did.
struct CommandResult: Sendable, CustomStringConvertible {
    /// The arguments after the program name.
    let arguments: [String]
    /// The exit code, or 128 plus the signal that ended the process.
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String {
        "`motcua \(arguments.joined(separator: " "))` exited with \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}

/// The receipt `motcua intake submit --format json` prints.
struct ReceiptJSON: Decodable, Sendable {
    let dossierCode: String
    let procedureCode: String
    let procedureVersion: Int
    let procedureName: String
    let channel: String
    let receivedAt: String
    let firstDepartment: String
}

/// What `motcua report summary --format json` prints.
struct SummaryJSON: Decodable, Sendable {
    struct Department: Decodable, Sendable, Equatable {
        let department: String
        let ready: Int
        let claimed: Int
        let completed: Int
    }

    struct State: Decodable, Sendable, Equatable {
        let state: String
        let nationalCode: Int
        let dossiers: Int
    }

    let departments: [Department]
    let states: [State]

    func department(_ code: String) -> Department? { departments.first { $0.department == code } }
}

/// One line of `motcua migrate --status --format json`.
struct MigrationStatusJSON: Decodable, Sendable {
    let name: String
    let appliedAt: String?
    let checksum: String?
}

/// A running `motcua worker` process and the file its output goes to.
struct WorkerProcess: Sendable {
    let department: String
    let child: ChildProcess
    let logPath: String
}

/// How a worker process ended.
struct WorkerExit: Sendable, CustomStringConvertible {
    let department: String
    let pid: pid_t
    let status: Int32
    let log: String

    var description: String { "worker \(department) (pid \(pid)) exited with \(status)\n--- its output ---\n\(log)" }
}

/// Runs the real `motcua` binary the way an operator would: separate processes, always with a
/// bounded wait.
enum MotcuaCLI {
    /// Reads what `--format json` prints: snake_case keys, ISO 8601 dates as text.
    static var jsonDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// The `motcua` executable built next to the test bundle.
    static let binaryURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("motcua")

    /// The binary's path, or an error saying where it was expected.
    static func binary() throws -> String {
        let path = binaryURL.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw EndToEndError(
                "the motcua executable was not found at \(path) (expected next to the test bundle \(CommandLine.arguments[0])); build it with `swift build --build-tests`"
            )
        }
        return path
    }

    /// The parent's environment, with the log level of spawned processes set.
    static func environment(logLevel: String = "warning") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["MOTCUA_LOG_LEVEL"] = logLevel
        return environment
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ tag: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("motcua-e2e-\(getpid())-\(UUID().uuidString)-\(tag)").path
    }

    /// Reads a file's text and deletes the file ("" when it does not exist).
    static func consume(_ path: String) -> String {
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits for `child` to exit; after `timeout` it is killed (the status is then 137).
    static func wait(_ child: ChildProcess, timeout: Duration) async -> Int32 {
        let killer = Task {
            try await Task.sleep(for: timeout)
            child.signal(SIGKILL)
        }
        let status = await child.wait()
        killer.cancel()
        return status
    }

    /// Runs `motcua arguments…` to completion (with `--database-url database` appended when
    /// given), stdout and stderr captured separately; standard input is `stdin` (a file) or empty.
    static func run(_ arguments: [String], database: String? = nil, stdin: String = "/dev/null", timeout: Duration = .seconds(120)) async throws
        -> CommandResult
    {
        let arguments = arguments + (database.map { ["--database-url", $0] } ?? [])
        let stdoutPath = temporaryPath("stdout")
        let stderrPath = temporaryPath("stderr")
        // `exec` keeps one process: the shell only sets up the redirections.
        let child = try ChildProcess.spawn(
            "/bin/sh",
            ["-c", #"in=$1; out=$2; err=$3; shift 3; exec "$@" <"$in" >"$out" 2>"$err""#, "sh", stdin, stdoutPath, stderrPath, try binary()] + arguments,
            environment: environment(), output: .inherit)
        let status = await wait(child, timeout: timeout)
        return CommandResult(arguments: arguments, status: status, stdout: consume(stdoutPath), stderr: consume(stderrPath))
    }

    /// `motcua intake submit --format json`; requires success and returns the parsed receipt.
    /// A fictional applicant who hands in every document of the procedure.
    static let applicantFlags = ["--name", "Nguyễn Văn An", "--citizen-id", "075201012345", "--phone", "0912345678", "--all-documents"]

    static func submit(
        procedure: String, channel: String = "desk", idempotencyKey: String? = nil, database: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ReceiptJSON {
        var arguments = ["intake", "submit", "--procedure", procedure, "--channel", channel, "--format", "json"] + applicantFlags
        if let idempotencyKey { arguments += ["--idempotency-key", idempotencyKey] }
        let result = try await run(arguments, database: database)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        do {
            return try MotcuaCLI.jsonDecoder.decode(ReceiptJSON.self, from: Data(result.stdout.utf8))
        } catch {
            throw EndToEndError("the receipt is not the expected JSON (\(error))\n\(result)")
        }
    }

    /// `motcua report summary --format json`; requires success and returns the parsed report.
    static func summary(database: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SummaryJSON {
        let result = try await run(["report", "summary", "--format", "json"], database: database)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        do {
            return try MotcuaCLI.jsonDecoder.decode(SummaryJSON.self, from: Data(result.stdout.utf8))
        } catch {
            throw EndToEndError("the summary is not the expected JSON (\(error))\n\(result)")
        }
    }

    /// Starts `motcua worker --department department extra…`; its stdout and stderr go to a log file.
    static func startWorker(department: String, extra: [String] = [], database: String, logLevel: String = "warning") throws -> WorkerProcess {
        let logPath = temporaryPath("worker-\(department).log")
        let child = try ChildProcess.spawn(
            try binary(), ["worker", "--department", department, "--database-url", database] + extra,
            environment: environment(logLevel: logLevel), output: .file(logPath))
        return WorkerProcess(department: department, child: child, logPath: logPath)
    }

    /// Sends `signal` to every worker, then waits for each (bounded) and collects its output.
    static func stop(_ workers: [WorkerProcess], signal: Int32 = SIGTERM, timeout: Duration = .seconds(60)) async -> [WorkerExit] {
        for worker in workers { worker.child.signal(signal) }
        var exits: [WorkerExit] = []
        for worker in workers {
            let status = await wait(worker.child, timeout: timeout)
            exits.append(WorkerExit(department: worker.department, pid: worker.child.pid, status: status, log: consume(worker.logPath)))
        }
        return exits
    }

    /// Starts one worker per spec, runs `body`, then stops every worker with SIGTERM (also when
    /// `body` or a start fails) and returns how each exited. On failure the workers' output is
    /// written to stderr before the error is rethrown.
    static func withWorkers<T: Sendable>(
        _ specs: [(department: String, extra: [String])], database: String, logLevel: String = "warning",
        _ body: ([WorkerProcess]) async throws -> T
    ) async throws -> (result: T, exits: [WorkerExit]) {
        var workers: [WorkerProcess] = []
        let result: T
        do {
            for spec in specs {
                workers.append(try startWorker(department: spec.department, extra: spec.extra, database: database, logLevel: logLevel))
            }
            result = try await body(workers)
        } catch {
            let exits = await stop(workers)
            FileHandle.standardError.write(Data((exits.map(\.description).joined(separator: "\n") + "\n").utf8))
            throw error
        }
        return (result, await stop(workers))
    }
}

/// Polls `condition` until it holds; throws once `timeout` has passed without it holding.
func eventually(
    _ description: String, timeout: Duration = .seconds(60), interval: Duration = .milliseconds(200),
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try await condition() { return }
        guard clock.now < deadline else { throw EndToEndError("gave up after \(timeout) waiting until \(description)") }
        try await Task.sleep(for: interval)
    }
}

/// Opens a connection to the current test's database, runs `body`, and closes it.
func withTestConnection<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
    let connection = try await TestDatabase.connect()
    do {
        let result = try await body(connection)
        await connection.close()
        return result
    } catch {
        await connection.close()
        throw error
    }
}

extension Connection {
    /// `SELECT count(*) AS n …` as an Int.
    nonisolated func count(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await query(sql, parameters).single().decode("n")
    }
}
