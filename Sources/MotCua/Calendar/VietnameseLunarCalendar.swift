import CivilTime

/// Conversion between Gregorian dates and the Vietnamese lunisolar calendar, computed astronomically.
///
/// Hồ Ngọc Đức's rules: a month begins on the local day of a new moon; month 11 is the month containing
/// the winter solstice; when 13 months lie between two months 11, the first month after month 11 in which
/// the sun crosses no multiple of 30° of longitude (no major solar term) is the leap month, and repeats
/// the number of the month before it. Days are local days at `utcOffsetHours` from UTC: UTC+7 gives the
/// Vietnamese calendar, UTC+8 the Chinese one, and the two differ in some years (Tết 1985, 2007, 2030).
/// Checked against an independent ephemeris for every Tết and leap month from 1900 to 2174.
public struct VietnameseLunarCalendar: Sendable {
    /// The time zone of the calendar, in hours east of UTC.
    public let utcOffsetHours: Double

    /// Creates the calendar of a time zone; the default, UTC+7, is the Vietnamese calendar.
    public init(utcOffsetHours: Double = 7) {
        self.utcOffsetHours = utcOffsetHours
    }

    /// The lunar date of a Gregorian date.
    public func lunarDate(of date: CalendarDate) -> LunarDate {
        let day = date.julianDayNumber
        let lunarYear = day < monthElevenStart(ofGregorianYear: date.year) ? date.year : date.year + 1
        let months = LunarYearMonths(endingBefore: lunarYear, calendar: self).months
        var month = months[0]
        for candidate in months where candidate.start <= day { month = candidate }
        return LunarDate(year: month.lunarYear, month: month.number, day: day - month.start + 1, isLeapMonth: month.isLeap)
    }

    /// The Gregorian date of a lunar date, or `nil` when that lunar date does not exist
    /// (day 30 of a 29-day month, a leap month the year does not have, month 13…).
    public func solarDate(of date: LunarDate) -> CalendarDate? {
        guard (1...12).contains(date.month), date.day >= 1 else { return nil }
        let months = LunarYearMonths(endingBefore: date.month >= 11 ? date.year + 1 : date.year, calendar: self).months
        guard
            let month = months.first(where: {
                $0.lunarYear == date.year && $0.number == date.month && $0.isLeap == date.isLeapMonth
            }), date.day <= month.length
        else { return nil }
        return CalendarDate(julianDayNumber: month.start + date.day - 1)
    }

    /// The first day of lunar year `year`: Tết Nguyên đán, the 1st of the 1st month.
    public func newYear(of year: Int) -> CalendarDate {
        firstDay(ofRegularMonth: 1, of: year)
    }

    /// The first day of the (non-leap) month `month`, 1–12, of a lunar year; every year has all twelve.
    func firstDay(ofRegularMonth month: Int, of year: Int) -> CalendarDate {
        precondition((1...12).contains(month), "a lunar month is numbered 1–12")
        let months = LunarYearMonths(endingBefore: month >= 11 ? year + 1 : year, calendar: self)
        return CalendarDate(julianDayNumber: months.start(ofRegularMonth: month))
    }

    /// The Julian day number of the local day of the k-th new moon after 1900-01-01.
    func newMoonDay(_ k: Int) -> Int {
        Int((LunarAstronomy.newMoon(k) + 0.5 + utcOffsetHours / 24).rounded(.down))
    }

    /// The 30° sector (0–11, 0 from the spring equinox) the sun is in at local midnight starting a day.
    func sunSector(atStartOf julianDayNumber: Int) -> Int {
        let longitude = LunarAstronomy.sunLongitude(Double(julianDayNumber) - 0.5 - utcOffsetHours / 24)
        return Int((longitude / Double.pi * 6).rounded(.down))
    }

    /// The Julian day number on which month 11 (the month of the winter solstice) of a Gregorian year begins.
    func monthElevenStart(ofGregorianYear year: Int) -> Int {
        let daysSince1900 = CalendarDate(existing: year, 12, 31).julianDayNumber - 2_415_021
        let lunations = Int((Double(daysSince1900) / Self.meanLunation).rounded(.down))
        let start = newMoonDay(lunations)
        // Sector 9 begins at the solstice (270°): a new moon after it starts month 12, so month 11 began a lunation earlier.
        return sunSector(atStartOf: start) >= 9 ? newMoonDay(lunations - 1) : start
    }

    /// The mean synodic month in days.
    static let meanLunation = 29.530588853
}
