import CivilTime

extension DeadlineCalculator {
    /// The latest new date an apology slip (Mẫu 04) issued on `today` may promise: the
    /// procedure's own limit counted again from today, today not counted (a same-day procedure:
    /// the next working day; a limit in hours: its working days, rounded up; calendar days: the
    /// next working day when the last one is not). The slip re-sets the applicant's wait; it
    /// cannot promise more than the procedure would have taken from the start.
    public func latestApologyDate(for limit: TimeLimit, today: CalendarDate) -> CalendarDate {
        switch limit.unit {
        case .workingDays:
            return calendar.addingWorkingDays(max(limit.value, 1), to: today)
        case .workingHours:
            let hours = Double(limit.value)
            let days = Int((hours * 3600 / officeHours.dailyDuration).rounded(.up))
            return calendar.addingWorkingDays(max(days, 1), to: today)
        case .calendarDays:
            let last = today.adding(days: max(limit.value, 1))
            return calendar.isWorkingDay(last) ? last : calendar.nextWorkingDay(after: last)
        }
    }
}
