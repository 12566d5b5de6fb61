/// An error from the PostgreSQL client: a server error with its SQLSTATE, a lost or refused
/// connection, or a value that could not be encoded or decoded.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly; callers branch on this and on ``sqlState``.
    public enum Kind: Sendable, Equatable {
        /// The server rejected a statement; ``PostgresError/sqlState`` says why.
        case server
        /// The connection could not be opened.
        case connectionFailed
        /// The connection broke while in use (server restart, `pg_terminate_backend`, network).
        case connectionLost
        /// A Swift value could not be sent as a parameter.
        case encoding
        /// A result column could not be read as the requested Swift type.
        case decoding
        /// The client was used in a way it does not allow (closed connection, nested transaction).
        case misuse
    }

    /// The broad category of the failure.
    public let kind: Kind
    /// The five-character SQLSTATE code, for server errors (for example `23505`).
    public let sqlState: String?
    /// The primary message (from the server, or written by the client).
    public let message: String
    /// The server's DETAIL field, when it sent one.
    public let detail: String?
    /// The server's HINT field, when it sent one.
    public let hint: String?
    /// The violated constraint's name, for integrity errors.
    public let constraint: String?
    /// The table the error concerns, when the server named one.
    public let table: String?
    /// The column the error concerns, when the server named one.
    public let column: String?

    /// Creates an error; most callers only read these.
    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// True for `23505 unique_violation`.
    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }
    /// True for serialization failures and deadlocks, which a caller may retry as a whole.
    public var isRetryableConflict: Bool {
        sqlState == SQLState.serializationFailure || sqlState == SQLState.deadlockDetected
    }
    /// True when the connection itself failed, so a retry needs a new or reset connection.
    public var isConnectionProblem: Bool {
        kind == .connectionFailed || kind == .connectionLost
            || sqlState?.hasPrefix("08") == true || sqlState == SQLState.adminShutdown
    }

    /// The message, SQLSTATE and hint. The DETAIL is left out for data exceptions and integrity
    /// violations (SQLSTATE classes 22 and 23), whose details echo the offending values
    /// ("Failing row contains (…)"), which may be personal data; it stays in ``detail``.
    public var description: String {
        var text = sqlState.map { "\($0): \(message)" } ?? message
        if let detail, !(sqlState?.hasPrefix("22") ?? false), !(sqlState?.hasPrefix("23") ?? false) { text += " (\(detail))" }
        if let hint { text += " Hint: \(hint)" }
        return text
    }
}

/// SQLSTATE codes the project branches on; the full list is appendix A of the PostgreSQL manual.
public enum SQLState {
    /// `23505`: a unique index or constraint was violated.
    public static let uniqueViolation = "23505"
    /// `23514`: a check constraint was violated.
    public static let checkViolation = "23514"
    /// `40001`: a serializable transaction conflicted with another.
    public static let serializationFailure = "40001"
    /// `40P01`: a deadlock was detected and this transaction was chosen to abort.
    public static let deadlockDetected = "40P01"
    /// `57P01`: the backend was terminated by an administrator (`pg_terminate_backend`, shutdown).
    public static let adminShutdown = "57P01"
    /// `0A000`: a cached plan no longer matches the table it reads.
    public static let featureNotSupported = "0A000"
}
