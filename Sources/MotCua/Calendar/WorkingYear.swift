import CivilTime

/// One year of a working calendar, resolved: the computed holidays with that year's overrides applied.
struct WorkingYear: Sendable {
    /// The days off in date order: computed holidays not overridden, then decided days off.
    let holidays: [PublicHoliday]
    /// The make-up working days in date order.
    let makeUpDays: [CalendarOverride]
    private let daysOff: Set<CalendarDate>
    private let workedDays: Set<CalendarDate>

    /// Resolves `year` with the overrides (of any year; the others are ignored).
    init(year: Int, overrides: [CalendarOverride]) {
        var decisions: [CalendarDate: CalendarOverride] = [:]
        for decision in overrides where decision.date.year == year { decisions[decision.date] = decision }
        let decided = decisions.values.sorted { $0.date < $1.date }
        let decidedDaysOff = decided.filter { $0.kind == .dayOff }.map {
            PublicHoliday(date: $0.date, kind: .decided, vietnameseName: $0.reason, englishName: "Day off by official decision", source: $0.document)
        }
        holidays = (PublicHolidays.computed(for: year).filter { decisions[$0.date] == nil } + decidedDaysOff).sorted { $0.date < $1.date }
        makeUpDays = decided.filter { $0.kind == .workingDay }
        daysOff = Set(holidays.map(\.date))
        workedDays = Set(makeUpDays.map(\.date))
    }

    /// Whether a date of this year is worked.
    func isWorkingDay(_ date: CalendarDate) -> Bool {
        workedDays.contains(date) || !(date.weekday.isWeekend || daysOff.contains(date))
    }
}
