import CivilTime
import Foundation
import Postgres

/// The center's figures per week or month: new dossiers, resolved, the on-time rate, and the
/// dossiers open and overdue at each bucket's end (for the bucket in progress, now: the overdue
/// count the dashboard shows). From the daily rollups.
public struct TrendReport: Sendable, Codable, Equatable {
    /// The bucket size.
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case week, month
    }

    /// One week or month.
    public struct Bucket: Sendable, Codable, Equatable {
        /// Its first day (a Monday, or the 1st).
        public let from: CalendarDate
        /// The last day it counts: its own last day, or the period's end or today when the
        /// bucket is cut there (then it is `partial`, and not comparable with whole ones).
        public var to: CalendarDate = CalendarDate(daysSince2000: 0)
        public var partial = false
        public let newReceived: Int
        public let resolved: Int
        public let resolvedLate: Int
        public let onTimeRate: Double?
        public let openAtEnd: Int
        public let overdueAtEnd: Int
    }

    public let unit: Unit
    public let asOf: Date
    public let department: String?
    /// Oldest first, every bucket of the range, empty ones too.
    public let buckets: [Bucket]

    /// Reads the `count` buckets up to the one with today (or the ones `period` covers).
    public static func read(by unit: Unit, count: Int = 12, period: ReportPeriod? = nil, department: String? = nil, on connection: Connection)
        async throws -> TrendReport
    {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            try read(by: unit, count: count, period: period, department: department, on: connection)
        }
    }

    static func read(by unit: Unit, count: Int, period: ReportPeriod?, department: String?, on connection: isolated Connection) throws -> TrendReport {
        try ReportScope.require(department: department, procedure: nil, on: connection)
        let now = try DatabaseClock.now(on: connection)
        let today = VietnamTime.day(of: now)
        let last = min(period?.to ?? today, today)
        var starts: [CalendarDate] = []
        if let period {
            var start = bucketStart(of: period.from, unit)
            while start <= last {
                starts.append(start)
                start = next(after: start, unit)
            }
        } else {
            var start = bucketStart(of: last, unit)
            for _ in 0..<max(1, count) {
                starts.insert(start, at: 0)
                start = bucketStart(of: start.adding(days: -1), unit)
            }
        }
        guard let first = starts.first else { return TrendReport(unit: unit, asOf: now, department: department, buckets: []) }
        var found: [CalendarDate: Bucket] = [:]
        var open = 0
        var overdue = 0
        for row in try connection.query(readStatement, [first, last, unit.rawValue, department]) {
            guard let from: CalendarDate = try row.decode("bucket") else {
                // The balances before the first bucket, for the buckets before any event.
                open = try row.decode("open_at_end")
                overdue = try row.decode("overdue_at_end")
                continue
            }
            let resolved: Int = try row.decode("resolved")
            let late: Int = try row.decode("resolved_late")
            found[from] = Bucket(
                from: from, newReceived: try row.decode("new_received"), resolved: resolved, resolvedLate: late,
                onTimeRate: resolved == 0 ? nil : Double(resolved - late) / Double(resolved), openAtEnd: try row.decode("open_at_end"),
                overdueAtEnd: try row.decode("overdue_at_end"))
        }
        var buckets = starts.map { start -> Bucket in
            if let bucket = found[start] {
                open = bucket.openAtEnd
                overdue = bucket.overdueAtEnd
                return bucket
            }
            return Bucket(from: start, newReceived: 0, resolved: 0, resolvedLate: 0, onTimeRate: nil, openAtEnd: open, overdueAtEnd: overdue)
        }
        // The bucket in progress ends now, as the period in progress does in PeriodReport: its
        // overdue are those past their appointment moment now, not those due by today's closing.
        if last == today, let current = buckets.last {
            let counts = try connection.query(PeriodReport.overdueNowStatement, [department, nil as String?])
            let overdueNow = try counts.first { try $0.decode("level", as: Int.self) == 3 }?.decode("overdue", as: Int.self) ?? 0
            buckets[buckets.count - 1] = Bucket(
                from: current.from, newReceived: current.newReceived, resolved: current.resolved, resolvedLate: current.resolvedLate,
                onTimeRate: current.onTimeRate, openAtEnd: current.openAtEnd, overdueAtEnd: overdueNow)
        }
        for index in buckets.indices {
            let end = next(after: buckets[index].from, unit).adding(days: -1)
            buckets[index].to = min(end, last)
            buckets[index].partial = end > last
        }
        return TrendReport(unit: unit, asOf: now, department: department, buckets: buckets)
    }

    static func bucketStart(of day: CalendarDate, _ unit: Unit) -> CalendarDate {
        switch unit {
        case .week: return day.adding(days: -(day.weekday.rawValue - 1))
        case .month: return CalendarDate(year: day.year, month: day.month, day: 1)!
        }
    }

    static func next(after start: CalendarDate, _ unit: Unit) -> CalendarDate {
        switch unit {
        case .week: return start.adding(days: 7)
        case .month: return ReportPeriod.lastDay(ofMonth: start.month, year: start.year).adding(days: 1)
        }
    }

    /// `$1` first bucket's first day, `$2` last day, `$3` week or month, `$4` department: first
    /// the balances at the first bucket's start (bucket NULL), then per bucket with events its
    /// counts and the open and overdue counts at its end (running sums from those balances).
    static let readStatement = """
        WITH start AS (
            SELECT coalesce(sum(open), 0)::bigint AS open, coalesce(sum(overdue), 0)::bigint AS overdue FROM report_balance($1)
            WHERE $4::text IS NULL OR department_code = $4
        ), b AS (
            SELECT date_trunc($3, day)::date AS bucket,
                   sum(received_desk + received_online + received_post)::bigint AS new_received,
                   sum(resolved_early + resolved_on_time + resolved_late)::bigint AS resolved,
                   sum(resolved_late)::bigint AS resolved_late, sum(open_delta) AS open_delta, sum(overdue_delta) AS overdue_delta
            FROM report_day
            WHERE day BETWEEN $1 AND $2 AND ($4::text IS NULL OR department_code = $4)
            GROUP BY 1
        )
        SELECT NULL::date AS bucket, 0::bigint AS new_received, 0::bigint AS resolved, 0::bigint AS resolved_late,
               open AS open_at_end, overdue AS overdue_at_end
        FROM start
        UNION ALL
        SELECT bucket, new_received, resolved, resolved_late,
               (start.open + sum(open_delta) OVER (ORDER BY bucket))::bigint, (start.overdue + sum(overdue_delta) OVER (ORDER BY bucket))::bigint
        FROM b CROSS JOIN start
        ORDER BY bucket NULLS FIRST
        """
}
