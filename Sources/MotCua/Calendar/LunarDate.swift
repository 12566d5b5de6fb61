/// A day of the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year, numbered like the Gregorian year in which its first month begins (Tết 2025 starts lunar year 2025, Ất Tỵ).
    public let year: Int
    /// The month, 1–12; a leap month repeats the number of the month before it.
    public let month: Int
    /// The day of the month, 1–30.
    public let day: Int
    /// Whether the month is the intercalary (leap) month of its year (tháng nhuận).
    public let isLeapMonth: Bool

    /// Creates a lunar date without checking that it exists; `VietnameseLunarCalendar.solarDate(of:)` tells.
    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// The Vietnamese short form, day/month/year: "10/3/2025", "1/6 nhuận/2025".
    public var description: String { "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year)" }
}
