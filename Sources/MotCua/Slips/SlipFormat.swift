import CivilTime
import Foundation

/// How slips write moments (Vietnam time, UTC+7), dates and amounts in đồng.
public enum SlipFormat {
    /// `dd/MM/yyyy HH:mm` in Vietnam time.
    public static func format(_ date: Date) -> String {
        let minutes = Int(VietnamTime.secondsSinceMidnight(of: date)) / 60
        return "\(format(VietnamTime.day(of: date))) \(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// `dd/MM/yyyy`.
    public static func format(_ day: CalendarDate) -> String { "\(two(day.day))/\(two(day.month))/\(day.year)" }

    /// An amount with dots between thousands, as Vietnamese prices are written (200.000).
    public static func money(_ amount: Decimal) -> String {
        let whole = NSDecimalNumber(decimal: amount).int64Value
        let digits = String(abs(whole))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (whole < 0 ? "-" : "") + groups.joined(separator: ".")
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
