import CivilTime
import Foundation
import MotCua
import Postgres

/// The business time the benchmarks run at. Each sets the simulated clock of its throwaway
/// database before it writes a dossier, so that no run depends on the day or the hour it is
/// started: the same submissions are on time, late entries or after the cut-off whatever the
/// real date (a run on a Monday once failed because its submissions fell before the previous
/// working day).
enum BenchmarkClock {
    /// Wednesday 2 December 2026, 10:00 in Vietnam: a working day, in office hours, before the
    /// 15:00 cut-off.
    static let start = VietnamTime.moment(on: CalendarDate(year: 2026, month: 12, day: 2)!, secondsSinceMidnight: 10 * 3600)

    /// 10:00 on the `step`-th working day four weeks apart from ``start`` (a step's own days: a
    /// benchmark step's dossiers never share an agency's daily sequence with another step's).
    static func instant(ofStep step: Int, calendar: WorkingCalendar) -> Date {
        var day = VietnamTime.day(of: start).adding(days: 28 * step)
        if !calendar.isWorkingDay(day) { day = calendar.nextWorkingDay(after: day) }
        return VietnamTime.moment(on: day, secondsSinceMidnight: 10 * 3600)
    }
}
