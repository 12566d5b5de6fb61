import CivilTime

/// A day of the week, numbered as in ISO 8601 (Monday is 1, Sunday is 7).
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// Whether this is a day of the weekly rest of public offices (Saturday or Sunday).
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The Vietnamese abbreviation: "T2" … "T7", "CN".
    public var vietnameseAbbreviation: String { self == .sunday ? "CN" : "T\(rawValue + 1)" }

    /// The English abbreviation: "Mon" … "Sun".
    public var englishAbbreviation: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }
}

extension CalendarDate {
    /// The day of the week of this date.
    public var weekday: Weekday {
        // 2000-01-01 was a Saturday, the sixth case.
        Weekday.allCases[((daysSince2000 + 5) % 7 + 7) % 7]
    }
}
