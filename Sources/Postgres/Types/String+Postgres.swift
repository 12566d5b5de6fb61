extension String: PostgresArrayElement {
    /// Sent as `text`.
    public static var postgresType: PostgresType { .text }
    /// Arrays are `text[]`.
    public static var postgresArrayType: PostgresType { .textArray }

    /// The UTF-8 bytes, unchanged (no Unicode normalisation), so NFC and NFD text round-trip
    /// byte for byte. PostgreSQL text cannot hold NUL, so a string containing one is refused.
    public func postgresValue() throws -> PostgresValue {
        let bytes = Array(utf8)
        if let position = bytes.firstIndex(of: 0) {
            throw PostgresError(
                kind: .encoding,
                message: "text contains a NUL byte at UTF-8 offset \(position); PostgreSQL text cannot store NUL, remove it")
        }
        return PostgresValue(type: .text, format: .binary, bytes: bytes)
    }

    /// Reads any textual column (`text`, `varchar`, `char(n)`, `name`, `json`, `jsonb`).
    public static func decode(from cell: PostgresCell) throws -> String {
        let bytes = try cell.requireBytes(for: String.self)
        switch cell.type {
        case .text, .varchar, .bpchar, .name, .json, .unknown, .char:
            return String(decoding: bytes, as: UTF8.self)
        case .jsonb:
            guard bytes.first == 1 else { throw cell.malformed(String.self) }
            return String(decoding: bytes.dropFirst(), as: UTF8.self)
        default:
            throw cell.mismatch(String.self)
        }
    }
}
