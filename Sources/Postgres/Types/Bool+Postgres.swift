extension Bool: PostgresArrayElement {
    /// Sent as `boolean`.
    public static var postgresType: PostgresType { .bool }
    /// Arrays are `boolean[]`.
    public static var postgresArrayType: PostgresType { .boolArray }

    public func postgresValue() throws -> PostgresValue {
        PostgresValue(type: .bool, format: .binary, bytes: [self ? 1 : 0])
    }

    public static func decode(from cell: PostgresCell) throws -> Bool {
        let bytes = try cell.requireBytes(for: Bool.self)
        guard cell.type == .bool else { throw cell.mismatch(Bool.self) }
        guard bytes.count == 1 else { throw cell.malformed(Bool.self) }
        return bytes.first != 0
    }
}
