import Foundation

/// A private PostgreSQL cluster in a folder of its own: data directory, socket directory and
/// log, reached only through a Unix socket in that folder.
///
/// When the current user is root, the server programs run as the `postgres` system user
/// (`initdb` refuses to run as root), and the folder is handed to that user.
public struct LocalCluster: Sendable {
    /// The cluster's folder; holds `data/`, `socket/` and `server.log`.
    public let directory: String
    /// The port, which with sockets only just names the socket file (`.s.PGSQL.<port>`).
    public let port: Int
    /// The superuser the cluster is initialised with.
    public let superuser = "postgres"
    let binaries: ServerBinaries

    /// Describes a cluster in `directory`; nothing is created until ``start(settings:)``.
    public init(directory: String, port: Int = 5432, binaries: ServerBinaries) {
        self.directory = directory
        self.port = port
        self.binaries = binaries
    }

    /// The data directory.
    public var dataDirectory: String { directory + "/data" }
    /// The directory holding the server's Unix socket.
    public var socketDirectory: String { directory + "/socket" }
    /// The server log.
    public var logFile: String { directory + "/server.log" }

    /// A libpq connection URL for `database` on this cluster, as the superuser.
    public func url(database: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: allowed) ?? socketDirectory
        return "postgresql://\(superuser)@/\(database)?host=\(host)&port=\(port)"
    }

    /// Whether the cluster's server is running.
    public enum State: Sendable, Equatable {
        case notInitialized
        case stopped
        case running
    }

    /// The cluster's state, from `pg_ctl status`.
    public func state() throws -> State {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notInitialized }
        let outcome = try runServerProgram("pg_ctl", ["status", "-D", dataDirectory])
        return outcome.status == 0 ? .running : .stopped
    }

    /// Initialises the cluster when needed and starts the server with `settings` (written to
    /// `motcua.conf`, included by `postgresql.conf`); waits until it accepts connections.
    public func start(settings: [String: String] = [:]) throws {
        try prepareFolder()
        if try state() == .notInitialized {
            try check(
                runServerProgram(
                    "initdb",
                    [
                        "-D", dataDirectory, "-U", superuser, "--auth=trust", "--encoding=UTF8",
                        "--locale=C.UTF-8", "--no-instructions",
                    ]), doing: "initdb")
            try appendLine("include_if_exists = 'motcua.conf'", to: dataDirectory + "/postgresql.conf")
        }
        var all = [
            "listen_addresses": "''",
            "port": String(port),
            "unix_socket_directories": quoted(socketDirectory),
            "unix_socket_permissions": "0700",
        ]
        for (key, value) in settings { all[key] = value }
        let conf = all.keys.sorted().map { "\($0) = \(all[$0]!)" }.joined(separator: "\n") + "\n"
        try writeFile(conf, to: dataDirectory + "/motcua.conf")
        guard try state() != .running else { return }
        try check(runServerProgram("pg_ctl", ["start", "-w", "-t", "120", "-D", dataDirectory, "-l", logFile]), doing: "pg_ctl start")
    }

    /// Stops the server (`fast`: roll back open transactions; `immediate`: no clean shutdown).
    public func stop(immediate: Bool = false) throws {
        guard try state() == .running else { return }
        try check(runServerProgram("pg_ctl", ["stop", "-w", "-D", dataDirectory, "-m", immediate ? "immediate" : "fast"]), doing: "pg_ctl stop")
    }

    /// Restarts the server (used to test that clients survive a restart).
    public func restart() throws {
        try check(runServerProgram("pg_ctl", ["restart", "-w", "-D", dataDirectory, "-m", "fast", "-l", logFile]), doing: "pg_ctl restart")
    }

    /// Starts a watchdog that stops this cluster and deletes its folder once process `pid` has
    /// exited, however it exited (normal end, crash, `kill -9`).
    public func stopWhenProcessExits(_ pid: Int32) throws {
        let stop = commandLine("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate"]).map(shellQuoted).joined(separator: " ")
        let script = "while kill -0 \(pid) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(shellQuoted(directory))"
        _ = try ChildProcess.spawn("/bin/sh", ["-c", script], output: .discard, newSession: true)
    }

    // MARK: - Running the server programs

    private var runsAsPostgresUser: Bool { geteuid() == 0 }

    private func commandLine(_ program: String, _ arguments: [String]) -> [String] {
        let full = [binaries.path(program)] + arguments
        return runsAsPostgresUser ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + full : full
    }

    private func runServerProgram(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let line = commandLine(program, arguments)
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        return try ChildProcess.run(line[0], Array(line.dropFirst()), environment: environment)
    }

    private func check(_ outcome: (status: Int32, output: String), doing action: String) throws {
        guard outcome.status == 0 else {
            var message = "\(action) failed (exit \(outcome.status)): \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))"
            if let log = try? String(contentsOfFile: logFile, encoding: .utf8) {
                message += "\nlast lines of \(logFile):\n" + log.split(separator: "\n").suffix(10).joined(separator: "\n")
            }
            throw PostgresError(kind: .misuse, message: message)
        }
    }

    // MARK: - The folder

    private func prepareFolder() throws {
        guard !directory.contains("'") else {
            throw PostgresError(kind: .misuse, message: "the cluster folder \(directory) contains a single quote; choose another folder")
        }
        try FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        if runsAsPostgresUser {
            guard let account = getpwnam("postgres") else {
                throw PostgresError(
                    kind: .misuse,
                    message: "running as root, but there is no `postgres` system user to run the server as; install the postgresql package, which creates it")
            }
            for path in [directory, socketDirectory] {
                guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                    throw PostgresError(kind: .misuse, message: "could not hand \(path) to the postgres user: \(String(cString: strerror(errno)))")
                }
            }
            let reachable = try ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", "test", "-w", directory])
            guard reachable.status == 0 else {
                throw PostgresError(
                    kind: .misuse,
                    message: "the postgres user cannot reach \(directory) (a folder above it is private, like /root); use a cluster folder under /tmp")
            }
        }
    }

    /// Whether the `postgres` user (when running as root) can reach and write `folder`.
    public static func isReachableByServer(_ folder: String) -> Bool {
        guard geteuid() == 0 else { return true }
        let outcome = try? ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", "test", "-x", folder])
        return outcome?.status == 0
    }

    private func writeFile(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func appendLine(_ line: String, to path: String) throws {
        let existing = try String(contentsOfFile: path, encoding: .utf8)
        try writeFile(existing + "\n" + line + "\n", to: path)
    }

    private func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
    private func shellQuoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
