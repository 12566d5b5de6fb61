import CivilTime
import Foundation
import Postgres

/// `motcua report verify`: replays the event log alone (``EventReplay``) and compares what it
/// finds with every rollup row, every dossier's projection, every figure of the period report
/// and of its trend, and the overdue and at-risk lists, whole. Agreement is exact (sums of fractional legal limits to 1e-9).
public struct ReportVerification: Sendable, Codable, Equatable {
    public let period: ReportPeriod
    public let asOf: Date
    public let dossiers: Int
    public let events: Int
    /// How many comparisons were made: rollup rows, dossier projections, report and trend figures, list lines.
    public let compared: Int
    /// Every difference found, as "what: reports say X, the event log says Y" (at most ``maximumListed``).
    public let differences: [String]
    /// How many differences there were in all.
    public let differenceCount: Int

    /// The most differences listed.
    public static let maximumListed = 50
    /// Dossiers replayed per read.
    static let batch: Int64 = 20_000

    /// Whether the reports and the event log agree.
    public var agrees: Bool { differenceCount == 0 }

    /// Verifies the rollups, and the figures of `period`, against the event log.
    public static func run(period: ReportPeriod, on connection: Connection) async throws -> ReportVerification {
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let now = try DatabaseClock.now(on: connection)
            let officers = Set(try connection.query(officersStatement).map { try $0.decode("code", as: String.self) })
            var replay = EventReplay(calendar: calendar, officers: officers)
            let terms = try loadTerms(on: connection)
            var found = Differences()
            var finals: [(department: String, procedure: String, state: EventReplay.DossierState)] = []
            var open: [OpenDossier] = []
            var dossiers = 0
            let last: Int64 = try connection.query(maxDossierStatement).single().decode("id")
            var first: Int64 = 1
            while first <= last {
                let upTo = first + batch - 1
                var events: [Int64: [EventReplay.Event]] = [:]
                for row in try connection.query(eventsStatement, [first, upTo]) {
                    events[try row.decode("dossier_id"), default: []].append(
                        EventReplay.Event(
                            at: try row.decode("at"), kind: try row.decode("kind"), fromState: try row.decode("from_state"),
                            toState: try row.decode("to_state"), department: try row.decode("department_code"), actor: try row.decode("actor"),
                            dueAt: try row.decode("due_at"), promisedAt: try row.decode("promised_at"), receivedAt: try row.decode("received_at"),
                            clockStartedAt: try row.decode("clock_started_at"), pausesClock: try row.decode("pauses_clock"),
                            channel: try row.decode("channel"), deliveredBy: try row.decode("by"), evaluation: try row.decode("evaluation")))
                }
                var projected: [Int64: EventReplay.DossierState] = [:]
                for row in try connection.query(projectionStatement, [first, upTo]) {
                    var state = EventReplay.DossierState()
                    state.receivedAt = try row.decode("received_at")
                    state.dueAt = try row.decode("due_at")
                    state.promisedAt = try row.decode("promised_at")
                    state.supplements = try row.decode("supplements")
                    state.overdueFrom = try row.decode("overdue_from", as: CalendarDate?.self)?.daysSince2000
                    state.endedAt = try row.decode("ended_at")
                    state.endKind = try row.decode("end_kind")
                    state.outcome = try row.decode("outcome")
                    projected[try row.decode("dossier_id")] = state
                }
                for row in try connection.query(dossiersStatement, [first, upTo]) {
                    let id: Int64 = try row.decode("id")
                    let code: String = try row.decode("code")
                    let procedure: String = try row.decode("procedure_code")
                    let version: Int = try row.decode("procedure_version")
                    guard let terms = terms["\(procedure)/\(version)"] else { continue }
                    let state = replay.replay(
                        events[id] ?? [], procedure: procedure, channel: try row.decode("channel"), storedDue: try row.decode("due_at"), terms: terms)
                    dossiers += 1
                    finals.append((terms.department, procedure, state))
                    if state.receivedAt != nil && state.endedAt == nil { open.append(OpenDossier(id: id, code: code, state: state)) }
                    let kept = projected[id]
                    found.compare(
                        "dossier \(code) projection",
                        kept.map {
                            [
                                $0.receivedAt?.description, $0.dueAt?.description, $0.promisedAt?.description, String($0.supplements),
                                $0.overdueFrom.map(String.init),
                                $0.endedAt?.description, $0.endKind, $0.outcome,
                            ]
                        },
                        [
                            state.receivedAt?.description, state.dueAt?.description, state.promisedAt?.description, String(state.supplements),
                            state.overdueFrom.map(String.init),
                            state.endedAt?.description, state.endKind, state.outcome,
                        ])
                }
                first = upTo + 1
            }
            try compareRollups(replay, &found, on: connection)
            try compareMonths(replay, &found, on: connection)
            try compareOpen(&found, on: connection)
            let report = try PeriodReport.read(period: period, department: nil, procedure: nil, on: connection)
            compareFigures(report, replay: replay, finals: finals, now: now, &found)
            compareHolding(report.holding, open: open, now: now, &found)
            let overdueNow = finals.filter { isOverdue($0.state, at: now) }.count
            try compareTrend(period: period, replay: replay, overdueNow: overdueNow, now: now, &found, on: connection)
            try compareLists(open: open, replay: replay, now: now, &found, on: connection)
            return ReportVerification(
                period: period, asOf: now, dossiers: dossiers, events: replay.events, compared: found.compared, differences: found.listed,
                differenceCount: found.count)
        }
    }

    /// Differences found so far.
    struct Differences {
        var compared = 0
        var count = 0
        var listed: [String] = []

        mutating func note(_ text: String) {
            count += 1
            if listed.count < ReportVerification.maximumListed { listed.append(text) }
        }

        mutating func compare<T: Equatable>(_ what: String, _ reports: T?, _ log: T?) {
            compared += 1
            if reports != log { note("\(what): reports say \(reports.map { "\($0)" } ?? "nothing"), the event log says \(log.map { "\($0)" } ?? "nothing")") }
        }
    }

    private static func loadTerms(on connection: isolated Connection) throws -> [String: EventReplay.Terms] {
        var steps: [String: [EventReplay.Step]] = [:]
        for row in try connection.query(stepsStatement) {
            let key = "\(try row.decode("procedure_code", as: String.self))/\(try row.decode("procedure_version", as: Int.self))"
            steps[key, default: []].append(
                EventReplay.Step(
                    position: try row.decode("position"), department: try row.decode("department_code"), allowance: try row.decode("allowance"),
                    excluded: try row.decode("excluded_from_limit")))
        }
        var terms: [String: EventReplay.Terms] = [:]
        for row in try connection.query(proceduresStatement) {
            let key = "\(try row.decode("code", as: String.self))/\(try row.decode("version", as: Int.self))"
            let limit: Int = try row.decode("time_limit")
            let unit: String = try row.decode("time_limit_unit")
            let days = unit == "working_hours" ? Double(limit) / 8 : unit == "calendar_days" ? Double(limit) * 5 / 7 : Double(limit)
            terms[key] = EventReplay.Terms(department: try row.decode("department_code"), limitDays: days, steps: steps[key] ?? [])
        }
        return terms
    }

    /// A rollup row's day (or month), department and procedure.
    private static func dayKey(_ row: Row, day: String = "day") throws -> EventReplay.DayKey {
        EventReplay.DayKey(
            day: try row.decode(day, as: CalendarDate.self).daysSince2000, department: try row.decode("department_code"),
            procedure: try row.decode("procedure_code"))
    }

    /// A key as a difference names it.
    private static func name(_ key: EventReplay.DayKey) -> String { "\(CalendarDate(daysSince2000: key.day)) \(key.department) \(key.procedure)" }

    /// The key of `key`'s month: the same department and procedure on the month's first day.
    private static func month(of key: EventReplay.DayKey) -> EventReplay.DayKey {
        let day = CalendarDate(daysSince2000: key.day)
        return EventReplay.DayKey(
            day: CalendarDate(year: day.year, month: day.month, day: 1)!.daysSince2000, department: key.department, procedure: key.procedure)
    }

    private static func compareRollups(_ replay: EventReplay, _ found: inout Differences, on connection: isolated Connection) throws {
        var kept: [EventReplay.DayKey: [Int]] = [:]
        var keptLimits: [EventReplay.DayKey: Double] = [:]
        for row in try connection.query(daysStatement) {
            let key = try dayKey(row)
            kept[key] = try EventReplay.columns.map { try row.decode($0) }
            keptLimits[key] = try row.decode("limit_days")
        }
        let zero = Array(repeating: 0, count: EventReplay.columns.count)
        for key in Set(kept.keys).union(replay.days.keys).sorted() {
            let a = kept[key] ?? zero
            let b = replay.days[key] ?? zero
            found.compared += 1
            for (i, column) in EventReplay.columns.enumerated() where a[i] != b[i] {
                found.note("report_day \(name(key)) \(column): reports say \(a[i]), the event log says \(b[i])")
            }
            let limits = (keptLimits[key] ?? 0, replay.limitDays[key] ?? 0)
            if abs(limits.0 - limits.1) > 1e-9 { found.note("report_day \(name(key)) limit_days: reports say \(limits.0), the event log says \(limits.1)") }
        }
        var durations: [EventReplay.BinKey: Int] = [:]
        for row in try connection.query(durationsStatement) {
            durations[EventReplay.BinKey(day: try dayKey(row), bin: String(try row.decode("working_days", as: Int.self)))] = try row.decode("dossiers")
        }
        for key in Set(durations.keys).union(replay.durations.keys).sorted() {
            found.compare("report_duration \(name(key.day)) \(key.bin) days", durations[key] ?? 0, replay.durations[key] ?? 0)
        }
        var steps: [EventReplay.BinKey: [Double]] = [:]
        for row in try connection.query(stepDaysStatement) {
            let count: Int = try row.decode("steps")
            let over: Int = try row.decode("over_allowance")
            let allowance: Double = try row.decode("allowance_days")
            steps[EventReplay.BinKey(day: try dayKey(row), bin: String(try row.decode("working_days", as: Int.self)))] = [
                Double(count), Double(over), allowance,
            ]
        }
        for key in Set(steps.keys).union(replay.steps.keys).sorted() {
            let log: [Double] = replay.steps[key].map { (count, over, allowance) in [Double(count), Double(over), allowance] } ?? [0, 0, 0]
            found.compare("report_step_day \(name(key.day)) \(key.bin) days (steps, over, allowance)", steps[key] ?? [0, 0, 0], log)
        }
        var causes: [EventReplay.DayKey: Int] = [:]
        for row in try connection.query(lateCausesStatement) { causes[try dayKey(row)] = try row.decode("dossiers") }
        for key in Set(causes.keys).union(replay.lateCauses.keys).sorted() {
            found.compare("report_late_cause \(name(key))", causes[key] ?? 0, replay.lateCauses[key] ?? 0)
        }
        var officers: [EventReplay.BinKey: Int] = [:]
        for row in try connection.query(officerDaysStatement) {
            let key = EventReplay.DayKey(
                day: try row.decode("day", as: CalendarDate.self).daysSince2000, department: try row.decode("department_code"), procedure: "")
            officers[EventReplay.BinKey(day: key, bin: try row.decode("officer_code"))] = try row.decode("steps")
        }
        for key in Set(officers.keys).union(replay.officerSteps.keys).sorted() {
            found.compare("report_officer_day \(name(key.day)) \(key.bin)", officers[key] ?? 0, replay.officerSteps[key] ?? 0)
        }
    }

    /// The month tables (`report_month`, `report_duration_month`, `report_step_month`) against
    /// the replayed days summed by month.
    private static func compareMonths(_ replay: EventReplay, _ found: inout Differences, on connection: isolated Connection) throws {
        let balanceColumns = ["open_delta", "overdue_delta"].map { EventReplay.columns.firstIndex(of: $0)! }
        var logBalances: [EventReplay.DayKey: [Int]] = [:]
        for (key, values) in replay.days {
            let monthKey = month(of: key)
            logBalances[monthKey, default: [0, 0]][0] += values[balanceColumns[0]]
            logBalances[monthKey, default: [0, 0]][1] += values[balanceColumns[1]]
        }
        var balances: [EventReplay.DayKey: [Int]] = [:]
        for row in try connection.query(monthsStatement) {
            balances[try dayKey(row, day: "month")] = [try row.decode("open_delta"), try row.decode("overdue_delta")]
        }
        for key in Set(balances.keys).union(logBalances.keys).sorted() {
            found.compare("report_month \(name(key)) (open, overdue)", balances[key] ?? [0, 0], logBalances[key] ?? [0, 0])
        }
        var logDurations: [EventReplay.BinKey: Int] = [:]
        for (key, dossiers) in replay.durations { logDurations[EventReplay.BinKey(day: month(of: key.day), bin: key.bin), default: 0] += dossiers }
        var durations: [EventReplay.BinKey: Int] = [:]
        for row in try connection.query(durationMonthsStatement) {
            durations[EventReplay.BinKey(day: try dayKey(row, day: "month"), bin: String(try row.decode("working_days", as: Int.self)))] =
                try row.decode("dossiers")
        }
        for key in Set(durations.keys).union(logDurations.keys).sorted() {
            found.compare("report_duration_month \(name(key.day)) \(key.bin) days", durations[key] ?? 0, logDurations[key] ?? 0)
        }
        // Allowance days are compared to a millionth: the month's sum adds the days' in another order.
        func rounded(_ values: [Double]) -> [Double] { values.map { ($0 * 1e6).rounded() / 1e6 } }
        var logSteps: [EventReplay.BinKey: [Double]] = [:]
        for (key, (count, over, allowance)) in replay.steps {
            let monthKey = EventReplay.BinKey(day: month(of: key.day), bin: key.bin)
            let sums = logSteps[monthKey] ?? [0, 0, 0]
            logSteps[monthKey] = [sums[0] + Double(count), sums[1] + Double(over), sums[2] + allowance]
        }
        var steps: [EventReplay.BinKey: [Double]] = [:]
        for row in try connection.query(stepMonthsStatement) {
            steps[EventReplay.BinKey(day: try dayKey(row, day: "month"), bin: String(try row.decode("working_days", as: Int.self)))] = [
                Double(try row.decode("steps", as: Int.self)), Double(try row.decode("over_allowance", as: Int.self)), try row.decode("allowance_days"),
            ]
        }
        for key in Set(steps.keys).union(logSteps.keys).sorted() {
            found.compare(
                "report_step_month \(name(key.day)) \(key.bin) days (steps, over, allowance)", rounded(steps[key] ?? [0, 0, 0]),
                rounded(logSteps[key] ?? [0, 0, 0]))
        }
    }

    /// The open dossiers the lists read (`report_open`) against their projection, which the
    /// replay has proven: none missing, none extra, every column the same.
    private static func compareOpen(_ found: inout Differences, on connection: isolated Connection) throws {
        for row in try connection.query(openStatement) {
            found.compared += 1
            let code: String = try row.decode("code")
            if try !row.decode("listed", as: Bool.self) {
                found.note("report_open \(code): missing, the dossier is open")
            } else if try !row.decode("open", as: Bool.self) {
                found.note("report_open \(code): listed, but the dossier is not open")
            } else if try !row.decode("same", as: Bool.self) {
                found.note("report_open \(code): differs from the dossier's projection")
            }
        }
    }

    /// The figures of every line of `report` against the same figures from the replay.
    private static func compareFigures(
        _ report: PeriodReport, replay: EventReplay, finals: [(department: String, procedure: String, state: EventReplay.DossierState)], now: Date,
        _ found: inout Differences
    ) {
        let from = report.period.from.daysSince2000
        let to = report.period.to.daysSince2000
        var counters: [PeriodReport.GroupKey: PeriodCounters] = [:]
        func groups(_ department: String, _ procedure: String) -> [PeriodReport.GroupKey] {
            [.init(department: nil, procedure: nil), .init(department: department, procedure: nil), .init(department: department, procedure: procedure)]
        }
        let index = Dictionary(uniqueKeysWithValues: EventReplay.columns.enumerated().map { ($1, $0) })
        for (key, values) in replay.days where key.day <= to {
            for group in groups(key.department, key.procedure) {
                var c = counters[group] ?? PeriodCounters()
                if key.day < from {
                    c.carriedOver += values[index["open_delta"]!]
                } else {
                    for (column, field) in PeriodCounters.periodFields { c[keyPath: field] += values[index[column]!] }
                    c.limitDays += replay.limitDays[key] ?? 0
                }
                c.openAtEnd += values[index["open_delta"]!]
                c.overdueAtEnd += values[index["overdue_delta"]!]
                counters[group] = c
            }
        }
        for (key, count) in replay.durations where key.day.day >= from && key.day.day <= to {
            for group in groups(key.day.department, key.day.procedure) {
                counters[group, default: PeriodCounters()].durations[Int(key.bin)!, default: 0] += count
            }
        }
        if report.period.to >= VietnamTime.day(of: now) {
            for key in counters.keys { counters[key]!.overdueAtEnd = 0 }
            for final in finals where isOverdue(final.state, at: now) {
                for group in groups(final.department, final.procedure) { counters[group, default: PeriodCounters()].overdueAtEnd += 1 }
            }
        }
        let printed = [report.total] + report.departments + report.procedures
        let keys = Set(printed.map { PeriodReport.GroupKey(department: $0.department, procedure: $0.procedure) })
        for line in printed {
            let key = PeriodReport.GroupKey(department: line.department, procedure: line.procedure)
            compare(
                line.figures, PeriodFigures(counters[key] ?? PeriodCounters()), "\(report.period) \(line.department ?? "province") \(line.procedure ?? "")",
                &found)
        }
        for key in counters.keys where !keys.contains(key) && PeriodFigures(counters[key]!) != PeriodFigures(PeriodCounters()) {
            found.note("\(report.period) \(key.department ?? "province") \(key.procedure ?? ""): the reports print no line, the event log has figures")
        }
    }

    /// A replayed dossier is open and overdue at `now`: booked as overdue and past its
    /// appointment moment, or late by a second supplement request.
    /// Overdue now: booked as overdue and past the end of its appointment day, or late by the
    /// second supplement request (``ReportSQL/isOverdueNow(_:)``).
    static func isOverdue(_ s: EventReplay.DossierState, at now: Date) -> Bool {
        let today = VietnamTime.moment(on: VietnamTime.day(of: now), secondsSinceMidnight: 0)
        return s.receivedAt != nil && s.endedAt == nil && s.overdueFrom != nil && (s.supplements >= 2 || s.dueAt.map { $0 < today } == true)
    }

    /// The province's trend over `period`, by week and by month, against the replayed days: each
    /// bucket's new, resolved and late, and the open and overdue at its end (for the bucket in
    /// progress, the overdue now).
    private static func compareTrend(
        period: ReportPeriod, replay: EventReplay, overdueNow: Int, now: Date, _ found: inout Differences, on connection: isolated Connection
    ) throws {
        let column = Dictionary(uniqueKeysWithValues: EventReplay.columns.enumerated().map { ($1, $0) })
        let today = VietnamTime.day(of: now)
        let last = min(period.to, today)
        for unit in TrendReport.Unit.allCases {
            for bucket in try TrendReport.read(by: unit, count: 0, period: period, department: nil, on: connection).buckets {
                let end = min(TrendReport.next(after: bucket.from, unit).adding(days: -1), last)
                // New, resolved, late, open at the end, overdue at the end.
                var log = [0, 0, 0, 0, 0]
                for (key, values) in replay.days where key.day <= end.daysSince2000 {
                    func value(_ name: String) -> Int { values[column[name]!] }
                    log[3] += value("open_delta")
                    log[4] += value("overdue_delta")
                    guard key.day >= bucket.from.daysSince2000 else { continue }
                    log[0] += value("received_desk") + value("received_online") + value("received_post")
                    log[1] += value("resolved_early") + value("resolved_on_time") + value("resolved_late")
                    log[2] += value("resolved_late")
                }
                if end == today { log[4] = overdueNow }
                found.compare(
                    "trend by \(unit.rawValue) from \(bucket.from) (new, resolved, late, open and overdue at the end)",
                    [bucket.newReceived, bucket.resolved, bucket.resolvedLate, bucket.openAtEnd, bucket.overdueAtEnd], log)
            }
        }
    }

    /// Two figure sets field by field (rates and averages to 1e-9).
    private static func compare(_ printed: PeriodFigures, _ log: PeriodFigures, _ what: String, _ found: inout Differences) {
        let a = Mirror(reflecting: printed).children
        let b = Mirror(reflecting: log).children
        for (x, y) in zip(a, b) {
            found.compared += 1
            let same: Bool
            switch (x.value, y.value) {
            case (let p as Int, let q as Int): same = p == q
            case (let p as Int?, let q as Int?): same = p == q
            case (let p as Double?, let q as Double?): same = p == q || (p != nil && q != nil && abs(p! - q!) <= 1e-9)
            default: same = "\(x.value)" == "\(y.value)"
            }
            if !same { found.note("figure \(what) \(x.label ?? ""): reports say \(x.value), the event log says \(y.value)") }
        }
    }

    static let officersStatement = "SELECT code FROM officer"
    static let maxDossierStatement = "SELECT coalesce(max(id), 0) AS id FROM dossier"
    static let stepsStatement =
        "SELECT procedure_code, procedure_version, position, department_code, allowance::float8 AS allowance, excluded_from_limit FROM procedure_step"
    static let proceduresStatement = "SELECT code, version, department_code, time_limit, time_limit_unit FROM procedure"

    /// `$1`, `$2`: the dossier ID range.
    static let dossiersStatement = "SELECT id, code, procedure_code, procedure_version, channel, due_at FROM dossier WHERE id BETWEEN $1 AND $2 ORDER BY id"

    /// `$1`, `$2`: the dossier ID range; the events in order, with the details the projection reads.
    static let eventsStatement = """
        SELECT dossier_id, at, kind, from_state, to_state, department_code, actor,
               (details->>'due_at')::timestamptz AS due_at, (details->>'promised_at')::timestamptz AS promised_at,
               (details->>'received_at')::timestamptz AS received_at, (details->>'clock_started_at')::timestamptz AS clock_started_at,
               coalesce((details->>'pauses_clock')::boolean, false) AS pauses_clock, details->>'channel' AS channel,
               details->>'by' AS by, details->>'evaluation' AS evaluation
        FROM dossier_event WHERE dossier_id BETWEEN $1 AND $2 ORDER BY dossier_id, id
        """

    /// `$1`, `$2`: the dossier ID range.
    static let projectionStatement = """
        SELECT dossier_id, received_at, due_at, promised_at, supplements, overdue_from, ended_at, end_kind, outcome
        FROM report_dossier WHERE dossier_id BETWEEN $1 AND $2
        """

    static let daysStatement = """
        SELECT day, department_code, procedure_code, \(EventReplay.columns.map { "\($0)::bigint AS \($0)" }.joined(separator: ", ")),
               limit_days::float8 AS limit_days
        FROM report_day
        """
    /// Every dossier open in the projection or listed in `report_open`, and whether the two agree.
    static let openStatement = """
        SELECT d.code, o.dossier_id IS NOT NULL AS listed, r.dossier_id IS NOT NULL AS open, ROW(r.*) IS NOT DISTINCT FROM ROW(o.*) AS same
        FROM (SELECT dossier_id, procedure_code, department_code, received_at, due_at, step_department, supplements, supplement_since,
                     payment_since, excluded_since, overdue_from, promised_at
              FROM report_dossier WHERE received_at IS NOT NULL AND ended_at IS NULL) r
        FULL JOIN report_open o ON o.dossier_id = r.dossier_id
        JOIN dossier d ON d.id = coalesce(r.dossier_id, o.dossier_id)
        """
    static let monthsStatement =
        "SELECT month, department_code, procedure_code, open_delta::bigint AS open_delta, overdue_delta::bigint AS overdue_delta FROM report_month"
    static let durationsStatement = "SELECT day, department_code, procedure_code, working_days, dossiers FROM report_duration WHERE dossiers <> 0"
    static let durationMonthsStatement =
        "SELECT month, department_code, procedure_code, working_days, dossiers FROM report_duration_month WHERE dossiers <> 0"
    static let stepMonthsStatement = """
        SELECT month, department_code, procedure_code, working_days, steps, over_allowance, allowance_days::float8 AS allowance_days
        FROM report_step_month WHERE steps <> 0 OR over_allowance <> 0 OR allowance_days <> 0
        """
    static let stepDaysStatement = """
        SELECT day, department_code, procedure_code, working_days, steps, over_allowance, allowance_days::float8 AS allowance_days FROM report_step_day
        """
    static let lateCausesStatement = "SELECT day, department_code, procedure_code, dossiers FROM report_late_cause"
    static let officerDaysStatement = "SELECT day, officer_code, department_code, steps FROM report_officer_day"
}
