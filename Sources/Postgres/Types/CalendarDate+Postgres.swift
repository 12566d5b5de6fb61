@_exported import struct CivilTime.CalendarDate

extension CalendarDate: PostgresArrayElement {
    /// Sent as `date`.
    public static var postgresType: PostgresType { .date }
    /// Arrays are `date[]`.
    public static var postgresArrayType: PostgresType { .dateArray }

    public func postgresValue() throws -> PostgresValue {
        PostgresValue(type: .date, format: .binary, bytes: BinaryCoding.bytes(Int32(daysSince2000)))
    }

    public static func decode(from cell: PostgresCell) throws -> CalendarDate {
        let bytes = try cell.requireBytes(for: CalendarDate.self)
        guard cell.type == .date else { throw cell.mismatch(CalendarDate.self) }
        guard let days = BinaryCoding.exact(Int32.self, bytes) else { throw cell.malformed(CalendarDate.self) }
        guard days != .max, days != .min else {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.columnName)\" holds an infinite date, which CalendarDate cannot represent")
        }
        return CalendarDate(daysSince2000: Int(days))
    }
}
