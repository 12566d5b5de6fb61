import CivilTime
import Foundation
import Postgres

extension ReportVerification {
    /// A replayed dossier still open, as the supervision lists need it.
    struct OpenDossier {
        let id: Int64
        let code: String
        let state: EventReplay.DossierState
    }

    /// The overdue and at-risk lists, whole, against the same lists drawn from the replay: their
    /// totals, their members in order, and each line's appointment day and days (overdue since
    /// and working days late; working days left and the usual step duration). Who holds a
    /// dossier and the state it is in are read from the live queue and the dossier, not from the
    /// log, and are not compared.
    static func compareLists(open: [OpenDossier], replay: EventReplay, now: Date, _ found: inout Differences, on connection: isolated Connection) throws {
        let today = VietnamTime.day(of: now)
        let limit = max(open.count, 1)
        func compare(_ kind: SupervisionList.Kind, _ log: [(OpenDossier, String)]) throws {
            let printed = try SupervisionList.read(kind, department: nil, limit: limit, on: connection)
            found.compare("\(kind.rawValue) list total", printed.total, log.count)
            for index in 0..<max(printed.lines.count, log.count) {
                found.compare(
                    "\(kind.rawValue) list line \(index + 1)", printed.lines.indices.contains(index) ? describe(printed.lines[index]) : nil,
                    log.indices.contains(index) ? "\(log[index].0.code) \(log[index].1)" : nil)
            }
        }
        func ordinal(_ at: Date) -> Int? { replay.ordinals[EventReplay.day(at)] }
        let todayOrdinal = replay.ordinals[today.daysSince2000]

        let overdue = open.filter { isOverdue($0.state, at: now) }.sorted(by: inOverdueOrder).map { dossier in
            let s = dossier.state
            let late = todayOrdinal.flatMap { today in s.dueAt.flatMap(ordinal).map { max(today - $0, 0) } }
            let since = [s.dueAt.map { VietnamTime.day(of: $0).adding(days: 1) }, s.secondRequestAt.map { VietnamTime.day(of: $0) }].compactMap { $0 }.min()
            return (dossier, "due \(day(s.dueAt)) promised \(day(s.promisedAt)) since \(optional(since)) late \(optional(late))")
        }
        try compare(.overdue, overdue)

        let usual = usualStepDays(replay, through: today)
        let atRisk = open.compactMap { dossier -> (OpenDossier, left: Int, due: Date, usual: Int)? in
            let s = dossier.state
            guard let due = s.promisedAt ?? s.dueAt, due >= now, s.overdueFrom != nil, s.supplements < 2,
                s.supplementSince == nil, s.paymentSince == nil, s.excludedSince == nil,
                let p75 = s.stepDepartment.flatMap({ usual[$0] }), let dueOrdinal = ordinal(due), let todayOrdinal,
                dueOrdinal - todayOrdinal < p75
            else { return nil }
            return (dossier, dueOrdinal - todayOrdinal, due, p75)
        }
        .sorted { ($0.left, $0.due, $0.0.id) < ($1.left, $1.due, $1.0.id) }
        .map { ($0.0, "due \(day($0.due)) promised \(day($0.0.state.promisedAt)) left \($0.left) usual \($0.usual)") }
        try compare(.atRisk, atRisk)
    }

    /// The live steps each department holds, and of them the overdue, against the replayed open
    /// dossiers' current steps.
    static func compareHolding(_ printed: [PeriodReport.HoldingLine], open: [OpenDossier], now: Date, _ found: inout Differences) {
        var log: [String: (held: Int, overdue: Int)] = [:]
        for dossier in open {
            guard let department = dossier.state.stepDepartment else { continue }
            let overdue = isOverdue(dossier.state, at: now) ? 1 : 0
            log[department] = ((log[department]?.held ?? 0) + 1, (log[department]?.overdue ?? 0) + overdue)
        }
        let reports = Dictionary(uniqueKeysWithValues: printed.map { ($0.department, [$0.held, $0.overdue]) })
        for department in Set(reports.keys).union(log.keys).sorted() {
            found.compare("steps held by \(department) (held, overdue)", reports[department], log[department].map { [$0.held, $0.overdue] })
        }
    }

    /// The overdue list's order: the earliest appointment first (none last), then the dossier.
    private static func inOverdueOrder(_ a: OpenDossier, _ b: OpenDossier) -> Bool {
        switch (a.state.dueAt, b.state.dueAt) {
        case (let p?, let q?) where p != q: return p < q
        case (nil, .some): return false
        case (.some, nil): return true
        default: return a.id < b.id
        }
    }

    /// Each department's usual step duration as the at-risk list takes it: the 75th percentile
    /// of the working days its steps took, over the steps completed in the
    /// ``SupervisionList/lookbackDays`` days through `today`.
    private static func usualStepDays(_ replay: EventReplay, through today: CalendarDate) -> [String: Int] {
        let first = today.adding(days: -SupervisionList.lookbackDays + 1).daysSince2000
        var histogram: [String: [Int: Int]] = [:]
        for (key, value) in replay.steps where key.day.day >= first && key.day.day <= today.daysSince2000 {
            histogram[key.day.department, default: [:]][Int(key.bin)!, default: 0] += value.0
        }
        return histogram.compactMapValues { PeriodFigures.percentile(0.75, of: $0) }
    }

    private static func describe(_ line: SupervisionList.Line) -> String {
        switch (line.workingDaysLeft, line.usualStepDays) {
        case (let left?, let usual?):
            return "\(line.dossierCode) due \(line.dueDate) promised \(optional(line.promisedDate)) left \(left) usual \(usual)"
        default:
            return
                "\(line.dossierCode) due \(line.dueDate) promised \(optional(line.promisedDate)) since \(optional(line.overdueSince)) late \(optional(line.workingDaysLate))"
        }
    }

    private static func day(_ moment: Date?) -> String { optional(moment.map { VietnamTime.day(of: $0) }) }

    private static func optional<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "none" }
}
