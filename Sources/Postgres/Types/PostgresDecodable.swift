/// One field of a result row as it came off the wire (binary format), with what is needed to
/// explain a decoding failure.
public struct PostgresCell: Sendable {
    /// The column's type.
    public let type: PostgresType
    /// The binary value, or `nil` for NULL.
    public let bytes: ArraySlice<UInt8>?
    /// The column's name, for error messages.
    public let columnName: String

    /// Creates a cell; the client builds these from results.
    public init(type: PostgresType, bytes: ArraySlice<UInt8>?, columnName: String) {
        self.type = type
        self.bytes = bytes
        self.columnName = columnName
    }

    /// The bytes of a non-NULL value, or an error naming the column when it is NULL.
    public func requireBytes<T>(for swiftType: T.Type) throws -> ArraySlice<UInt8> {
        guard let bytes else {
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(columnName)\" is NULL but was read as non-optional \(swiftType); read it as \(swiftType)? instead")
        }
        return bytes
    }

    /// The error for a column whose type cannot be read as `swiftType`.
    public func mismatch<T>(_ swiftType: T.Type) -> PostgresError {
        PostgresError(
            kind: .decoding,
            message: "column \"\(columnName)\" of type \(type) cannot be read as \(swiftType)")
    }

    /// The error for bytes that do not have the layout `type` promises.
    public func malformed<T>(_ swiftType: T.Type) -> PostgresError {
        PostgresError(
            kind: .decoding,
            message: "column \"\(columnName)\" of type \(type) holds \(bytes?.count ?? 0) bytes that are not a valid \(swiftType)")
    }
}

/// A Swift type that can be read from a result column.
public protocol PostgresDecodable: Sendable {
    /// Decodes a value from a cell, throwing a ``PostgresError`` of kind `.decoding` that names
    /// the column and both types when they do not fit.
    static func decode(from cell: PostgresCell) throws -> Self
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// `nil` for NULL, otherwise the wrapped type's decoding.
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        guard cell.bytes != nil else { return nil }
        return try Wrapped.decode(from: cell)
    }
}
