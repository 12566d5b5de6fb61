/// A string-backed enumeration stored in a text column. It is sent as its raw value, and
/// reading a raw value it has no case for is a decoding error naming the column, never a
/// silent default (a step kind the code does not know must not be run as some other kind).
public protocol PostgresTextEnum: RawRepresentable, PostgresArrayElement where RawValue == String {}

extension PostgresTextEnum {
    /// Sent as `text`.
    public static var postgresType: PostgresType { .text }
    /// Arrays are `text[]`.
    public static var postgresArrayType: PostgresType { .textArray }

    /// The raw value as text.
    public func postgresValue() throws -> PostgresValue { try rawValue.postgresValue() }

    /// The case whose raw value the column holds; an unknown value throws.
    public static func decode(from cell: PostgresCell) throws -> Self {
        let raw = try String.decode(from: cell)
        guard let value = Self(rawValue: raw) else {
            throw PostgresError(
                kind: .decoding,
                message:
                    "column \"\(cell.columnName)\" holds \"\(raw.prefix(40))\", which is not a known \(Self.self); the row is corrupt or was written by a newer version"
            )
        }
        return value
    }
}
