import Foundation

extension UUID: PostgresArrayElement {
    /// Sent as `uuid`.
    public static var postgresType: PostgresType { .uuid }
    /// Arrays are `uuid[]`.
    public static var postgresArrayType: PostgresType { .uuidArray }

    public func postgresValue() throws -> PostgresValue {
        let bytes = withUnsafeBytes(of: uuid) { Array($0) }
        return PostgresValue(type: .uuid, format: .binary, bytes: bytes)
    }

    public static func decode(from cell: PostgresCell) throws -> UUID {
        let bytes = try cell.requireBytes(for: UUID.self)
        guard cell.type == .uuid else { throw cell.mismatch(UUID.self) }
        guard bytes.count == 16 else { throw cell.malformed(UUID.self) }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
        return UUID(uuid: raw)
    }
}
