/// A parameter ready to send: its type, wire format and bytes (`nil` bytes is SQL NULL).
public struct PostgresValue: Sendable {
    /// How the bytes are laid out on the wire.
    public enum Format: Int32, Sendable {
        /// PostgreSQL's text input syntax.
        case text = 0
        /// PostgreSQL's binary `*_recv` format.
        case binary = 1
    }

    /// The declared parameter type, so the server never has to guess.
    public let type: PostgresType
    /// The format of ``bytes``.
    public let format: Format
    /// The encoded value, or `nil` for NULL.
    public let bytes: [UInt8]?

    /// Creates a value from already-encoded bytes.
    public init(type: PostgresType, format: Format, bytes: [UInt8]?) {
        self.type = type
        self.format = format
        self.bytes = bytes
    }

    /// SQL NULL of the given type.
    public static func null(_ type: PostgresType) -> PostgresValue {
        PostgresValue(type: type, format: .binary, bytes: nil)
    }
}

/// A Swift value that can be sent as a statement parameter.
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type a value of this Swift type is sent as.
    static var postgresType: PostgresType { get }
    /// Encodes the value; throws a ``PostgresError`` of kind `.encoding` for values PostgreSQL
    /// cannot store (a NUL byte in text, for example).
    func postgresValue() throws -> PostgresValue
}

/// A value that can be an element of a PostgreSQL array parameter or result.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The array type whose elements are of this type (`text[]` for `String`).
    static var postgresArrayType: PostgresType { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's PostgreSQL type; `nil` is sent as NULL of that type.
    public static var postgresType: PostgresType { Wrapped.postgresType }

    public func postgresValue() throws -> PostgresValue {
        switch self {
        case .some(let wrapped): return try wrapped.postgresValue()
        case .none: return .null(Wrapped.postgresType)
        }
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    /// Arrays of optionals are arrays of the wrapped type with NULL elements.
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
}
