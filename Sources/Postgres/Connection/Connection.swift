import CLibPQ
import Foundation
import Logging

/// One PostgreSQL connection over libpq, owned by an actor that runs on its own thread.
///
/// Open one with ``connect(_:logger:)`` and a `postgresql://` URL or a libpq keyword string
/// (`"host=/run/pg dbname=motcua"`); an empty string lets libpq take everything from `PGHOST`,
/// `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, `~/.pgpass` and service files, exactly as
/// `psql` does.
///
/// A broken connection is reopened by the next call made outside a transaction; its session
/// settings are applied again and channels it was listening on are listened on again, so
/// callers only need to re-scan for work they may have missed while it was down.
public actor Connection {
    /// The thread this connection's actor runs on.
    nonisolated let executor: ThreadExecutor
    /// Runs this actor's jobs on its dedicated thread (see ``ThreadExecutor``).
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let conninfo: String
    let settings: [(name: String, value: String)]
    let logger: Logger
    let notices: NoticeForwarder
    let wakeup: WakeupPipe
    var handle: OpaquePointer?
    var closed = false
    var inTransaction = false
    var listening: Set<String> = []
    var statements = StatementCache()

    private init(conninfo: String, settings: [(name: String, value: String)], logger: Logger) {
        self.conninfo = conninfo
        self.settings = settings
        self.logger = logger
        self.notices = NoticeForwarder(logger: logger)
        self.wakeup = WakeupPipe()
        self.executor = ThreadExecutor(name: "postgres-connection")
    }

    /// Opens a connection; throws a ``PostgresError`` of kind `.connectionFailed` with libpq's
    /// explanation (unknown host, refused, authentication failed, …) when it cannot.
    ///
    /// `settings` are session settings (`plan_cache_mode`, …) applied with `set_config` when the
    /// session opens and again after every reconnect.
    public static func connect(
        _ conninfo: String, settings: [(name: String, value: String)] = [], logger: Logger = Logger(label: "postgres")
    ) async throws -> Connection {
        let connection = Connection(conninfo: conninfo, settings: settings, logger: logger)
        try await connection.open()
        return connection
    }

    isolated deinit {
        if let handle { PQfinish(handle) }
        executor.shutdown()
    }

    /// Closes the connection; later calls throw a `.misuse` error.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        closed = true
    }

    /// The server's process ID for this session (`pg_backend_pid()`), or 0 when disconnected.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// The server version as an integer (150004 for 15.4), or 0 when disconnected.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// True while the connection is open and healthy as far as libpq knows.
    public var isConnected: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    func open() throws {
        guard !closed else { throw PostgresError(kind: .misuse, message: "the connection was closed") }
        if let old = handle { PQfinish(old) }
        handle = nil
        statements.removeAll()
        guard let fresh = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(fresh) == CONNECTION_OK else {
            let reason = Self.errorMessage(fresh)
            PQfinish(fresh)
            throw PostgresError(kind: .connectionFailed, message: "could not connect to PostgreSQL: \(reason)")
        }
        PQsetClientEncoding(fresh, "UTF8")
        notices.install(on: fresh)
        handle = fresh
        for setting in settings { try query("SELECT set_config($1, $2, false)", [setting.name, setting.value]) }
        for channel in listening.sorted() { try execute("LISTEN \(try quoteIdentifier(channel))") }
    }

    /// Reopens the connection now (a new session), listening again on every listened channel.
    public func reconnect() throws {
        logger.info("reconnecting to PostgreSQL")
        try open()
    }

    /// The connection handle, reopening a broken connection when no transaction is in progress.
    func liveHandle() throws -> OpaquePointer {
        if let handle, PQstatus(handle) == CONNECTION_OK { return handle }
        guard !closed else { throw PostgresError(kind: .misuse, message: "the connection was closed") }
        guard !inTransaction else {
            throw PostgresError(kind: .connectionLost, message: "the connection was lost during a transaction; the transaction was rolled back")
        }
        if handle != nil { logger.warning("PostgreSQL connection lost; reconnecting") }
        try open()
        return handle!
    }

    /// Quotes an identifier (a channel or table name) the way the server expects.
    public func quoteIdentifier(_ identifier: String) throws -> String {
        guard !identifier.utf8.contains(0) else {
            throw PostgresError(kind: .encoding, message: "identifier contains a NUL byte")
        }
        guard let handle, let quoted = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    static func errorMessage(_ handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
