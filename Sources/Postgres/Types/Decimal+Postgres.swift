import Foundation

extension Decimal: PostgresEncodable, PostgresDecodable {
    /// Sent as `numeric`, in its exact decimal text form.
    public static var postgresType: PostgresType { .numeric }

    public func postgresValue() throws -> PostgresValue {
        let text = isNaN ? "NaN" : description
        return PostgresValue(type: .numeric, format: .text, bytes: Array(text.utf8))
    }

    /// Reads `numeric` (binary: base-10000 digits with a weight and a sign) and integer columns.
    public static func decode(from cell: PostgresCell) throws -> Decimal {
        switch cell.type {
        case .int2, .int4, .int8: return Decimal(try Int64.decode(from: cell))
        case .numeric: break
        default: throw cell.mismatch(Decimal.self)
        }
        let bytes = try cell.requireBytes(for: Decimal.self)
        guard let count = BinaryCoding.read(Int16.self, bytes, at: 0),
            let weight = BinaryCoding.read(Int16.self, bytes, at: 2),
            let sign = BinaryCoding.read(UInt16.self, bytes, at: 4),
            bytes.count == 8 + 2 * Int(count)
        else { throw cell.malformed(Decimal.self) }
        if sign == 0xC000 { return .nan }
        var value = Decimal(0)
        for index in 0..<Int(count) {
            guard let digit = BinaryCoding.read(Int16.self, bytes, at: 8 + 2 * index) else { throw cell.malformed(Decimal.self) }
            value = value * 10_000 + Decimal(Int(digit))
        }
        let exponent = 4 * (Int(weight) - Int(count) + 1)
        value = Decimal(sign: sign == 0x4000 ? .minus : .plus, exponent: exponent, significand: value)
        return value
    }
}
