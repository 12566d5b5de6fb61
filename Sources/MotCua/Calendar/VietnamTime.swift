import CivilTime
import Foundation

/// Vietnam local time: UTC+7 all year (Vietnam has no daylight saving time).
public enum VietnamTime {
    /// The offset from UTC in seconds.
    public static let utcOffset: TimeInterval = 7 * 3600
    private static let secondsPerDay: TimeInterval = 86_400
    /// Days from 1970-01-01 to 2000-01-01.
    private static let daysFrom1970To2000 = 10_957

    /// The local date of a moment.
    public static func day(of moment: Date) -> CalendarDate {
        CalendarDate(daysSince2000: localDayIndex(of: moment) - daysFrom1970To2000)
    }

    /// The local time of day of a moment, in seconds since local midnight.
    public static func secondsSinceMidnight(of moment: Date) -> TimeInterval {
        moment.timeIntervalSince1970 + utcOffset - TimeInterval(localDayIndex(of: moment)) * secondsPerDay
    }

    /// The moment of a local date and time of day.
    public static func moment(on day: CalendarDate, at time: LocalTimeOfDay) -> Date {
        moment(on: day, secondsSinceMidnight: time.secondsSinceMidnight)
    }

    /// The moment a number of seconds after the local midnight that starts a day (24 h gives the next midnight).
    public static func moment(on day: CalendarDate, secondsSinceMidnight seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSince2000 + daysFrom1970To2000) * secondsPerDay + seconds - utcOffset)
    }

    /// Local days since 1970-01-01.
    private static func localDayIndex(of moment: Date) -> Int {
        Int(((moment.timeIntervalSince1970 + utcOffset) / secondsPerDay).rounded(.down))
    }
}
