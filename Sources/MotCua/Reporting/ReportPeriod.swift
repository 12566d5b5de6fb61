import CivilTime
import Foundation

/// The days a report covers, both included, in Vietnam's calendar: a quarter (`2026-Q3`), a
/// month (`2026-11`), an ISO week (`2026-W47`, Monday to Sunday), a year (`2026`), or a range
/// `FROM..TO` of ISO dates.
public struct ReportPeriod: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The period as it was written (`2026-Q3`, `2026-11-01..2026-11-15`).
    public let label: String
    /// The first day.
    public let from: CalendarDate
    /// The last day.
    public let to: CalendarDate

    /// A period of the given days.
    public init(label: String, from: CalendarDate, to: CalendarDate) {
        self.label = label
        self.from = from
        self.to = to
    }

    public var description: String { label }

    /// Reads a period as written on the command line; throws a message naming the forms.
    public init(parsing text: String) throws {
        let text = text.trimmingCharacters(in: .whitespaces)
        let forms = "give a quarter (2026-Q3), a month (2026-11), an ISO week (2026-W47), a year (2026) or a range 2026-11-01..2026-11-30"
        func refuse(_ why: String) -> MotCuaError { .invalidInput(field: "--period", reason: "\"\(text)\" \(why); \(forms)") }
        if let range = text.range(of: "..") {
            let ends = [String(text[..<range.lowerBound]), String(text[range.upperBound...])]
            let days = ends.map { CalendarDate(iso: $0) }
            guard let from = days[0], let to = days[1] else {
                throw refuse("is not a range of two days: \"\(ends[days[0] == nil ? 0 : 1])\" is not a day written YYYY-MM-DD that exists")
            }
            guard from <= to else { throw refuse("ends before it begins") }
            self.init(label: text, from: from, to: to)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4, (2000...2099).contains(year) else { throw refuse("does not start with a year 2000–2099") }
        switch parts.count {
        case 1:
            self.init(label: text, from: CalendarDate(year: year, month: 1, day: 1)!, to: CalendarDate(year: year, month: 12, day: 31)!)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { throw refuse("names no quarter 1–4") }
            let first = CalendarDate(year: year, month: quarter * 3 - 2, day: 1)!
            self.init(label: text, from: first, to: Self.lastDay(ofMonth: quarter * 3, year: year))
        case 2 where parts[1].hasPrefix("W"):
            guard let week = Int(parts[1].dropFirst()), week >= 1, week <= Self.isoWeeks(in: year) else {
                throw refuse("names no ISO week of \(year) (1–\(Self.isoWeeks(in: year)))")
            }
            let monday = Self.isoWeekOneMonday(year).adding(days: (week - 1) * 7)
            self.init(label: text, from: monday, to: monday.adding(days: 6))
        case 2:
            guard let month = Int(parts[1]), parts[1].count == 2, (1...12).contains(month) else { throw refuse("names no month 01–12") }
            self.init(label: text, from: CalendarDate(year: year, month: month, day: 1)!, to: Self.lastDay(ofMonth: month, year: year))
        default:
            throw refuse("is not a period")
        }
    }

    /// The month that contains `day`, from its first day.
    public static func month(of day: CalendarDate) -> ReportPeriod {
        let label = "\(day.year)-" + (day.month < 10 ? "0\(day.month)" : "\(day.month)")
        return ReportPeriod(label: label, from: CalendarDate(year: day.year, month: day.month, day: 1)!, to: lastDay(ofMonth: day.month, year: day.year))
    }

    /// The ISO week that contains `day`.
    static func isoWeek(of day: CalendarDate) -> (year: Int, week: Int, monday: CalendarDate) {
        let monday = day.adding(days: -(day.weekday.rawValue - 1))
        let thursday = monday.adding(days: 3)
        let weekOne = isoWeekOneMonday(thursday.year)
        return (thursday.year, (monday.daysSince2000 - weekOne.daysSince2000) / 7 + 1, monday)
    }

    /// The Monday of ISO week 1 of `year` (the week with 4 January).
    static func isoWeekOneMonday(_ year: Int) -> CalendarDate {
        let fourth = CalendarDate(year: year, month: 1, day: 4)!
        return fourth.adding(days: -(fourth.weekday.rawValue - 1))
    }

    static func isoWeeks(in year: Int) -> Int {
        (isoWeekOneMonday(year + 1).daysSince2000 - isoWeekOneMonday(year).daysSince2000) / 7
    }

    static func lastDay(ofMonth month: Int, year: Int) -> CalendarDate {
        (month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : CalendarDate(year: year, month: month + 1, day: 1)!).adding(days: -1)
    }
}
