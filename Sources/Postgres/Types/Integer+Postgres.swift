/// Integers decode from any PostgreSQL integer column that fits, and encode as their own width.
protocol PostgresInteger: FixedWidthInteger, PostgresArrayElement {}

extension PostgresInteger {
    public func postgresValue() throws -> PostgresValue {
        PostgresValue(type: Self.postgresType, format: .binary, bytes: BinaryCoding.bytes(self))
    }

    public static func decode(from cell: PostgresCell) throws -> Self {
        let bytes = try cell.requireBytes(for: Self.self)
        let wide: Int64?
        switch cell.type {
        case .int2: wide = BinaryCoding.exact(Int16.self, bytes).map(Int64.init)
        case .int4: wide = BinaryCoding.exact(Int32.self, bytes).map(Int64.init)
        case .int8: wide = BinaryCoding.exact(Int64.self, bytes)
        case .oidType: wide = BinaryCoding.exact(UInt32.self, bytes).map(Int64.init)
        default: throw cell.mismatch(Self.self)
        }
        guard let wide else { throw cell.malformed(Self.self) }
        guard let value = Self(exactly: wide) else {
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(cell.columnName)\" holds \(wide), which does not fit in \(Self.self)")
        }
        return value
    }
}

extension Int: PostgresInteger {
    /// Sent as `bigint`.
    public static var postgresType: PostgresType { .int8 }
    /// Arrays are `bigint[]`.
    public static var postgresArrayType: PostgresType { .int8Array }
}

extension Int64: PostgresInteger {
    /// Sent as `bigint`.
    public static var postgresType: PostgresType { .int8 }
    /// Arrays are `bigint[]`.
    public static var postgresArrayType: PostgresType { .int8Array }
}

extension Int32: PostgresInteger {
    /// Sent as `integer`.
    public static var postgresType: PostgresType { .int4 }
    /// Arrays are `integer[]`.
    public static var postgresArrayType: PostgresType { .int4Array }
}

extension Int16: PostgresInteger {
    /// Sent as `smallint`.
    public static var postgresType: PostgresType { .int2 }
    /// Arrays are `smallint[]`.
    public static var postgresArrayType: PostgresType { .int2Array }
}
