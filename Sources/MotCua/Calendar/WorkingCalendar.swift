import CivilTime

/// The working days of public offices: Monday to Friday except the computed public holidays and their
/// compensatory days, with official decisions (extra days off, make-up working Saturdays) winning over both.
///
/// Any year can be asked; each is computed once, on first use. Copies share what was computed.
public struct WorkingCalendar: Sendable {
    /// The official decisions applied over the computed default.
    public let overrides: [CalendarOverride]
    private let years: WorkingYearCache

    /// A calendar with these official decisions over the computed default (the decisions come
    /// from the `calendar_override` table; see ``CalendarStore``).
    public init(overrides: [CalendarOverride]) {
        self.overrides = overrides
        years = WorkingYearCache(overrides: overrides)
    }

    /// Whether offices work on a date: a weekday that is not a day off, or a make-up working day.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        years.year(date.year).isWorkingDay(date)
    }

    /// The days off of a year in date order: holidays, compensatory days and decided days off.
    public func holidays(in year: Int) -> [PublicHoliday] {
        years.year(year).holidays
    }

    /// The make-up working days (worked Saturdays and the like) of a year, in date order.
    public func makeUpWorkingDays(in year: Int) -> [CalendarOverride] {
        years.year(year).makeUpDays
    }

    /// The working days after `start` up to and including `end`; when `end` is earlier, minus
    /// those after `end` up to and including `start` (how many working days late); 0 on the same day.
    public func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        guard start <= end else { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// The first working day after a date.
    public func nextWorkingDay(after date: CalendarDate) -> CalendarDate {
        addingWorkingDays(1, to: date)
    }

    /// The `count`-th working day after a date (before it when negative; the date itself when zero).
    public func addingWorkingDays(_ count: Int, to date: CalendarDate) -> CalendarDate {
        let step = count < 0 ? -1 : 1
        var day = date
        var remaining = abs(count)
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }
}
