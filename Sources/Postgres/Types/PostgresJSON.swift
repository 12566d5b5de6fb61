import Foundation

/// A Codable value stored as `jsonb` (sent) or read from `json`/`jsonb`.
///
/// ```swift
/// try conn.query("INSERT INTO t(doc) VALUES ($1)", [PostgresJSON(slip)])
/// let slip = try row.decode("doc", as: PostgresJSON<Slip>.self).value
/// ```
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable, PostgresDecodable {
    /// The wrapped value.
    public let value: Value

    /// Wraps a value for sending.
    public init(_ value: Value) { self.value = value }

    /// Sent as `jsonb`.
    public static var postgresType: PostgresType { .jsonb }

    public func postgresValue() throws -> PostgresValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw PostgresError(kind: .encoding, message: "\(Value.self) could not be encoded as JSON: \(error)")
        }
        return try String(decoding: data, as: UTF8.self).postgresValue().retyped(.jsonb, prefix: [1])
    }

    public static func decode(from cell: PostgresCell) throws -> PostgresJSON<Value> {
        let text = try String.decode(from: cell)
        guard cell.type == .json || cell.type == .jsonb else { throw cell.mismatch(Self.self) }
        do {
            return PostgresJSON(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.columnName)\" does not hold a valid \(Value.self): \(error)")
        }
    }
}

extension PostgresValue {
    /// The same bytes under another type, with a prefix (jsonb's binary version byte).
    func retyped(_ type: PostgresType, prefix: [UInt8]) -> PostgresValue {
        PostgresValue(type: type, format: format, bytes: bytes.map { prefix + $0 })
    }
}
