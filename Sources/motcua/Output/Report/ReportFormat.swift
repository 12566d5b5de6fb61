import CivilTime
import Foundation
import MotCua

/// How reports write figures for a Vietnamese reader: thousands with dots (1.234), decimals
/// with a comma (95,0 %), dates as dd/mm/yyyy; colour only on a terminal.
enum ReportFormat {
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (n < 0 ? "-" : "") + groups.joined(separator: ".")
    }

    /// A rate as a percentage with one decimal ("95,0 %"), or "—" when there is none.
    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f", $0 * 100).replacingOccurrences(of: ".", with: ",") + " %" } ?? "—"
    }

    /// A number of days with one decimal ("2,1"), or "—".
    static func days(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—"
    }

    static func date(_ day: CalendarDate) -> String { SlipFormat.format(day) }
    static func moment(_ at: Date) -> String { SlipFormat.format(at) }

    /// The period's days as a reader sees them.
    static func period(_ period: ReportPeriod) -> String { "\(period.label) (\(date(period.from)) – \(date(period.to)))" }

    /// A sparkline of rates (nil: a gap) on the full scale from 0 to 100 %, so a small dip looks small.
    static func sparkline(_ values: [Double?]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let (low, high) = (0.0, 1.0)
        return String(
            values.map { value in
                guard let value else { return " " }
                return bars[Int((min(max(value, low), high) - low) / (high - low) * Double(bars.count - 1))]
            })
    }

    /// Colour, only when standard output is a terminal and NO_COLOR is not set.
    static let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// A rate coloured by how it stands: green from 95 %, yellow from 80 %, red below.
    static func paint(_ text: String, rate: Double?) -> String {
        guard colour, let rate else { return text }
        let code = rate >= 0.95 ? "32" : rate >= 0.8 ? "33" : "31"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Bold, on a terminal.
    static func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
