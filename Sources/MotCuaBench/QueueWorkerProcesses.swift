import Foundation
import MotCua
import Postgres

/// `motcua worker` processes started by `motcua bench queue`, each logging (at `warning`) to
/// a file of its own, stopped with SIGTERM.
struct QueueWorkerProcesses: Sendable {
    let children: [ChildProcess]
    let logs: [String]

    /// Starts `count` workers of `department` with `options` (such as `--batch-size 10`).
    static func start(
        count: Int, department: String, options: [String], executable: String, target: String, folder: URL
    ) throws -> QueueWorkerProcesses {
        var environment = ProcessInfo.processInfo.environment
        environment["MOTCUA_LOG_LEVEL"] = "warning"
        var started = QueueWorkerProcesses(children: [], logs: [])
        do {
            for _ in 0..<count {
                let log = folder.appendingPathComponent("worker-\(UUID().uuidString).log").path
                let child = try ChildProcess.spawn(
                    executable, ["worker", "--department", department, "--database-url", target] + options,
                    environment: environment, output: .file(log))
                started = QueueWorkerProcesses(children: started.children + [child], logs: started.logs + [log])
            }
        } catch {
            started.kill()
            throw error
        }
        return started
    }

    /// Sends SIGTERM to every worker and waits; throws unless every one exited 0.
    func stop() async throws {
        for child in children { child.signal(SIGTERM) }
        var failures: [String] = []
        for (child, log) in zip(children, logs) {
            let status = await child.wait()
            if status != 0 { failures.append("exit \(status): " + Self.tail(of: log)) }
        }
        guard failures.isEmpty else {
            throw BenchmarkError(benchmark: "bench queue", reason: "\(failures.count) of \(children.count) workers failed; the first: \(failures[0])")
        }
    }

    /// Kills every worker and reaps it, on a path that already failed.
    func kill() {
        for child in children { child.signal(SIGKILL) }
        for child in children { _ = child.waitBlocking() }
    }

    /// The first worker's log, for an error message.
    var firstLog: String { logs.first.map(Self.tail(of:)) ?? "no worker" }

    private static func tail(of log: String) -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? "no output" : String(text.suffix(500))
    }
}
