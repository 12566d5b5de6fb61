extension Double: PostgresArrayElement {
    /// Sent as `double precision`, bit for bit (infinities and NaN included).
    public static var postgresType: PostgresType { .float8 }
    /// Arrays are `double precision[]`.
    public static var postgresArrayType: PostgresType { .float8Array }

    public func postgresValue() throws -> PostgresValue {
        PostgresValue(type: .float8, format: .binary, bytes: BinaryCoding.bytes(bitPattern))
    }

    /// Reads `double precision` and `real`.
    public static func decode(from cell: PostgresCell) throws -> Double {
        let bytes = try cell.requireBytes(for: Double.self)
        switch cell.type {
        case .float8:
            guard let bits = BinaryCoding.exact(UInt64.self, bytes) else { throw cell.malformed(Double.self) }
            return Double(bitPattern: bits)
        case .float4:
            guard let bits = BinaryCoding.exact(UInt32.self, bytes) else { throw cell.malformed(Double.self) }
            return Double(Float(bitPattern: bits))
        default:
            throw cell.mismatch(Double.self)
        }
    }
}
