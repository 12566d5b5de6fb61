import CLibPQ

/// The isolation level of a transaction (PostgreSQL manual, "Transaction Isolation").
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The closure is synchronous and runs on this connection's thread with the connection
    /// isolated to it, so no other task can slip a statement into the open transaction.
    /// A statement error inside the closure that the closure catches still dooms the
    /// transaction; committing it then throws instead of silently rolling back.
    public func transaction<T: Sendable>(
        _ isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        _ body: @Sendable (isolated Connection) throws -> T
    ) throws -> T {
        guard !inTransaction else {
            throw PostgresError(kind: .misuse, message: "a transaction is already open on this connection; nested transactions are not supported")
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        inTransaction = true
        defer { inTransaction = false }
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        if let handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollbackQuietly()
            throw PostgresError(kind: .misuse, message: "a statement in the transaction failed and was caught; the transaction was rolled back")
        }
        try execute("COMMIT")
        return value
    }

    private func rollbackQuietly() {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return }
        _ = try? execute("ROLLBACK")
    }
}
