import CivilTime
import Foundation
import Testing

/// The working-calendar and deadline tests, grouped so `swift test --filter MotCuaTests.CalendarTests` runs them.
@Suite enum CalendarTests {
    /// A date from `YYYY-MM-DD`.
    static func date(_ iso: String) throws -> CalendarDate {
        try #require(CalendarDate(iso: iso))
    }

    /// A moment in Vietnam local time (UTC+7) from `YYYY-MM-DD` and `HH:MM`.
    static func moment(_ iso: String, _ time: String) throws -> Date {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        try #require(parts.count == 2)
        let seconds = TimeInterval(parts[0] * 3600 + parts[1] * 60)
        return Date(timeIntervalSince1970: TimeInterval(try date(iso).daysSince2000 + 10_957) * 86_400 + seconds - 7 * 3600)
    }
}
