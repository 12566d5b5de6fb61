import CivilTime

extension WorkingCalendar {
    /// The calendar of one year as `motcua calendar show YEAR` prints it: every day off and every day a
    /// decision makes a working day (make-up Saturdays, computed days off given back) with its weekday, reason and source, in date order.
    public func description(ofYear year: Int) -> String {
        func line(_ date: CalendarDate, _ text: String, _ source: String) -> String {
            "  \(date) \(date.weekday.vietnameseAbbreviation) \(date.weekday.englishAbbreviation)  \(text)  [\(source)]"
        }
        let daysOff = holidays(in: year).map { line($0.date, "\($0.vietnameseName) / \($0.englishName)", $0.source) }
        let workedDays = makeUpWorkingDays(in: year).map { line($0.date, $0.reason, $0.document) }
        return
            (["Lịch làm việc năm \(year) / Working calendar \(year)", "Ngày nghỉ / Days off (\(daysOff.count)):"] + daysOff
            + ["Ngày làm việc theo quyết định / Working days by decision (\(workedDays.count)):"] + (workedDays.isEmpty ? ["  —"] : workedDays)).joined(
                separator: "\n")
    }
}
