import CivilTime

extension CalendarDate {
    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSince2000: daysSince2000 + days)
    }

    /// A date that exists by construction (1 January, 30 April of any year…); traps on an impossible date, a programming error.
    init(existing year: Int, _ month: Int, _ day: Int) {
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) is not a date")
        }
        self = date
    }

    /// The Julian day number (the day count used by astronomers; 2000-01-01 is 2 451 545).
    var julianDayNumber: Int { daysSince2000 + 2_451_545 }

    /// The date of a Julian day number.
    init(julianDayNumber: Int) {
        self.init(daysSince2000: julianDayNumber - 2_451_545)
    }
}
