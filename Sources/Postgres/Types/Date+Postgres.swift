import Foundation

/// PostgreSQL's epoch (2000-01-01 00:00 UTC) in seconds after the Unix epoch.
let postgresEpochOffset: TimeInterval = 946_684_800

extension Date: PostgresArrayElement {
    /// Sent as `timestamptz`, to the microsecond (PostgreSQL's resolution).
    public static var postgresType: PostgresType { .timestamptz }
    /// Arrays are `timestamptz[]`.
    public static var postgresArrayType: PostgresType { .timestamptzArray }

    public func postgresValue() throws -> PostgresValue {
        let seconds = timeIntervalSince1970 - postgresEpochOffset
        guard seconds.isFinite, abs(seconds) < 9.2e12 else {
            throw PostgresError(kind: .encoding, message: "date \(self) is outside the range of timestamptz")
        }
        let micros = Int64((seconds * 1_000_000).rounded())
        return PostgresValue(type: .timestamptz, format: .binary, bytes: BinaryCoding.bytes(micros))
    }

    /// Reads `timestamptz`, and `timestamp` taken as UTC.
    public static func decode(from cell: PostgresCell) throws -> Date {
        let bytes = try cell.requireBytes(for: Date.self)
        guard cell.type == .timestamptz || cell.type == .timestamp else { throw cell.mismatch(Date.self) }
        guard let micros = BinaryCoding.exact(Int64.self, bytes) else { throw cell.malformed(Date.self) }
        switch micros {
        case .max: return .distantFuture
        case .min: return .distantPast
        default:
            // Whole seconds and the remainder separately, so no precision is lost to rounding.
            let (seconds, remainder) = micros.quotientAndRemainder(dividingBy: 1_000_000)
            return Date(timeIntervalSince1970: postgresEpochOffset + TimeInterval(seconds) + TimeInterval(remainder) / 1_000_000)
        }
    }
}
