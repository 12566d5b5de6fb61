import CivilTime
import Postgres

/// The working calendar written out as the `working_day` table, so that SQL (the reports'
/// projection, the at-risk list) counts working days as the application does: one row per
/// day of ``years``, with whether it is worked and its ordinal (working days from the first day
/// up to and including it). Rewritten after every migration and every calendar decision, in
/// the decision's transaction; only the rows that change are written.
public enum WorkingDayTable {
    /// The years the table holds: every receipt and appointment date a report meets.
    public static let years = 2000...2050

    /// Writes the table from `calendar`.
    static func publish(_ calendar: WorkingCalendar, on connection: isolated Connection) throws {
        var days: [CalendarDate] = []
        var working: [Bool] = []
        var ordinals: [Int] = []
        var day = CalendarDate(year: years.lowerBound, month: 1, day: 1)!
        let end = CalendarDate(year: years.upperBound, month: 12, day: 31)!
        var ordinal = 0
        while day <= end {
            let worked = calendar.isWorkingDay(day)
            if worked { ordinal += 1 }
            days.append(day)
            working.append(worked)
            ordinals.append(ordinal)
            day = day.adding(days: 1)
        }
        try connection.query(publishStatement, [days, working, ordinals])
    }

    /// Writes the table from the stored calendar.
    public static func publish(on connection: Connection) async throws {
        let calendar = try await CalendarStore.calendar(on: connection)
        try await connection.transaction { try publish(calendar, on: $0) }
    }

    /// `$1` days, `$2` worked or not, `$3` ordinals: upserts the rows that differ.
    static let publishStatement = """
        INSERT INTO working_day AS w (day, working, ordinal)
        SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])
        ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, ordinal = EXCLUDED.ordinal
        WHERE (w.working, w.ordinal) IS DISTINCT FROM (EXCLUDED.working, EXCLUDED.ordinal)
        """
}
