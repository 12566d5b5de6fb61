import Logging

/// A small pool of ``Connection``s for a process that needs parallel database work.
///
/// Connections are opened lazily up to `size`; a caller that finds them all busy waits its turn
/// in arrival order. A connection that broke is reopened by its next user, so the pool needs no
/// health checks of its own.
public actor ConnectionPool {
    private let conninfo: String
    private let size: Int
    private let logger: Logger
    private var idle: [Connection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<Connection, any Error>] = []
    private var isClosed = false

    /// Creates a pool; nothing is opened until first use.
    public init(conninfo: String, size: Int, logger: Logger = Logger(label: "postgres.pool")) {
        precondition(size > 0, "a pool needs at least one connection")
        self.conninfo = conninfo
        self.size = size
        self.logger = logger
    }

    /// Runs `body` with a connection of its own, returned to the pool afterwards.
    public nonisolated func withConnection<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a pooled connection (see ``Connection/transaction(_:readOnly:_:)``).
    public nonisolated func transaction<T: Sendable>(
        _ isolation: IsolationLevel = .readCommitted,
        _ body: @Sendable (isolated Connection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.transaction(isolation, body)
        }
    }

    /// Closes idle connections and refuses further use; connections in use close on return.
    public func close() async {
        isClosed = true
        for connection in idle { await connection.close() }
        idle.removeAll()
        for waiter in waiters {
            waiter.resume(throwing: PostgresError(kind: .misuse, message: "the connection pool was closed"))
        }
        waiters.removeAll()
    }

    private func acquire() async throws -> Connection {
        guard !isClosed else { throw PostgresError(kind: .misuse, message: "the connection pool was closed") }
        if let connection = idle.popLast() { return connection }
        if opened < size {
            opened += 1
            do {
                return try await Connection.connect(conninfo, logger: logger)
            } catch {
                opened -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func release(_ connection: Connection) async {
        if isClosed {
            await connection.close()
            opened -= 1
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }
}
