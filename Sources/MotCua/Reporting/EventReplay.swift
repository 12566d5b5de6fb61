import CivilTime
import Foundation

/// The reports' figures recomputed from the event log alone, dossier by dossier, in Swift: the
/// independent check of what the database's projection (migration 0017's `report_apply`)
/// keeps. The rules are the same and docs/REPORTING.md states them once; the code is
/// separate on purpose, so a mistake in either shows as a difference.
struct EventReplay {
    /// A route step of a procedure version, as the catalog has it.
    struct Step {
        let position: Int
        let department: String
        let allowance: Double?
        let excluded: Bool
    }

    /// A procedure version's terms the replay needs.
    struct Terms {
        let department: String
        let limitDays: Double
        let steps: [Step]

        func step(at position: Int?) -> Step? { position.flatMap { p in steps.first { $0.position == p } } }
        func step(after position: Int?) -> Step? { position.flatMap { p in steps.filter { $0.position > p }.min { $0.position < $1.position } } }
    }

    /// One event, with the details the projection reads.
    struct Event {
        let at: Date
        let kind: String
        let fromState: String?
        let toState: String
        let department: String?
        let actor: String
        /// The law's appointment the event moved the dossier to (`details.due_at`).
        let dueAt: Date?
        /// The promise to the applicant (`details.promised_at`): an apology slip's, moved on.
        let promisedAt: Date?
        let receivedAt: Date?
        /// When the received dossier's clock starts (`details.clock_started_at`; the receipt before migration 0021).
        let clockStartedAt: Date?
        let pausesClock: Bool
        let channel: String?
        let deliveredBy: String?
        let evaluation: String?
    }

    /// A counters row's key: day (days since 2000), department, procedure.
    struct DayKey: Hashable, Comparable {
        let day: Int
        let department: String
        let procedure: String
        static func < (a: DayKey, b: DayKey) -> Bool { (a.day, a.department, a.procedure) < (b.day, b.department, b.procedure) }
    }

    /// A histogram row's key: a day key and a number of working days (or an officer).
    struct BinKey: Hashable, Comparable {
        let day: DayKey
        let bin: String
        static func < (a: BinKey, b: BinKey) -> Bool { (a.day, a.bin) < (b.day, b.bin) }
    }

    /// What a dossier's events left, as report_dossier keeps it.
    struct DossierState: Equatable {
        /// When its clock started: processing time counts from here.
        var clockStartedAt: Date?
        /// It waits in a pause of its clock (supplement, payment, excluded step).
        var isPaused: Bool { supplementSince != nil || paymentSince != nil || excludedSince != nil }

        var receivedAt: Date?
        var dueAt: Date?
        var promisedAt: Date?
        var stepPosition: Int?
        var stepDepartment: String?
        var stepSince: Date?
        var supplements = 0
        /// When the second supplement request came: from then on it is late (the national rule).
        var secondRequestAt: Date?
        var supplementSince: Date?
        var paymentSince: Date?
        var excludedSince: Date?
        /// When the current union of the pauses began.
        var pauseSince: Date?
        var pausedDays = 0
        var overAllowance: [String] = []
        var overdueFrom: Int?
        var endedAt: Date?
        var endKind: String?
        var outcome: String?
    }

    /// The counters of report_day, in ``columns`` order, and `limit_days`.
    static let columns = PeriodCounters.periodColumns + ["open_delta", "overdue_delta"]
    private static let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })

    let ordinals: [Int: Int]
    let officers: Set<String>
    var days: [DayKey: [Int]] = [:]
    var limitDays: [DayKey: Double] = [:]
    var durations: [BinKey: Int] = [:]
    /// Steps: count, over allowance, allowance days.
    var steps: [BinKey: (Int, Int, Double)] = [:]
    var lateCauses: [DayKey: Int] = [:]
    var officerSteps: [BinKey: Int] = [:]
    var events = 0

    /// A replay counting with `calendar`'s working days over ``WorkingDayTable/years``.
    init(calendar: WorkingCalendar, officers: Set<String>) {
        var ordinals: [Int: Int] = [:]
        var day = CalendarDate(year: WorkingDayTable.years.lowerBound, month: 1, day: 1)!
        let end = CalendarDate(year: WorkingDayTable.years.upperBound, month: 12, day: 31)!
        var ordinal = 0
        while day <= end {
            if calendar.isWorkingDay(day) { ordinal += 1 }
            ordinals[day.daysSince2000] = ordinal
            day = day.adding(days: 1)
        }
        self.ordinals = ordinals
        self.officers = officers
    }

    static func day(_ at: Date) -> Int { VietnamTime.day(of: at).daysSince2000 }

    func workingDays(_ from: Date?, _ to: Date) -> Int? {
        guard let from, let a = ordinals[Self.day(from)], let b = ordinals[Self.day(to)] else { return nil }
        return b - a
    }

    mutating func add(_ day: Int, _ terms: Terms, procedure: String, _ column: String, _ value: Int = 1) {
        days[DayKey(day: day, department: terms.department, procedure: procedure), default: Array(repeating: 0, count: Self.columns.count)][
            Self.index[column]!] += value
    }

    /// Replays one dossier's events, in order; returns the state they leave.
    mutating func replay(_ events: [Event], procedure: String, channel: String, storedDue: Date?, terms: Terms) -> DossierState {
        var r = DossierState()
        for e in events {
            self.events += 1
            let day = Self.day(e.at)
            let before = r.overdueFrom
            if e.kind == "received" {
                r.receivedAt = e.receivedAt ?? e.at
                r.clockStartedAt = e.clockStartedAt ?? r.receivedAt
                r.dueAt = e.dueAt ?? storedDue
                add(Self.day(r.receivedAt!), terms, procedure: procedure, "received_\(channel)")
                add(Self.day(r.receivedAt!), terms, procedure: procedure, "open_delta")
            } else if r.receivedAt == nil {
                if e.kind == "refused" { add(day, terms, procedure: procedure, "refused_at_desk") }
                if e.kind == "supplement_requested" { add(day, terms, procedure: procedure, "returned_incomplete") }
            } else if r.endedAt != nil {
                if e.kind == "returned" && e.fromState == "resolved" {
                    add(day, terms, procedure: procedure, "results")
                    if e.deliveredBy == "electronic" { add(day, terms, procedure: procedure, "results_electronic") }
                    if let evaluation = e.evaluation {
                        add(day, terms, procedure: procedure, "evaluations")
                        if evaluation == "not_satisfied" || evaluation == "complaint" { add(day, terms, procedure: procedure, "evaluations_negative") }
                    }
                }
            } else {
                // An apology slip, or an event after one written before migration 0021, carries
                // the promise alone (in `due_at` for the old ones).
                if e.kind == "apologised" || (r.promisedAt != nil && e.promisedAt == nil && e.dueAt != nil) {
                    r.promisedAt = e.promisedAt ?? e.dueAt ?? r.promisedAt
                } else {
                    r.dueAt = e.dueAt ?? r.dueAt
                    r.promisedAt = e.promisedAt ?? r.promisedAt
                }
                let wasPaused = r.isPaused
                apply(e, day: day, to: &r, procedure: procedure, terms: terms)
                if !wasPaused && r.isPaused {
                    r.pauseSince = e.at
                } else if wasPaused && !r.isPaused {
                    r.pausedDays += workingDays(r.pauseSince, e.at) ?? 0
                    r.pauseSince = nil
                }
                if e.toState == "resolved" && (e.kind == "step_completed" || e.kind == "resolved") {
                    resolve(e, day: day, &r, procedure: procedure, terms: terms)
                }
            }
            book(&r, before: before, day: day, terms: terms, procedure: procedure)
        }
        return r
    }

    private mutating func apply(_ e: Event, day: Int, to r: inout DossierState, procedure: String, terms: Terms) {
        func enter(_ step: Step?) {
            r.stepPosition = step?.position
            r.stepDepartment = step?.department
            r.stepSince = e.at
            if step?.excluded == true { r.excludedSince = e.at }
        }
        switch e.kind {
        case "routed":
            enter(terms.step(after: 0))
        case "supplement_requested":
            r.supplements += 1
            if r.supplements == 2 { r.secondRequestAt = e.at }
            r.supplementSince = r.supplementSince ?? e.at
            add(day, terms, procedure: procedure, "supplement_requests")
        case "supplement_received":
            r.supplementSince = nil
        case "payment_requested":
            if e.pausesClock { r.paymentSince = r.paymentSince ?? e.at }
        case "payment_received":
            r.paymentSince = nil
            add(day, terms, procedure: procedure, "payments")
            if e.channel == "online" { add(day, terms, procedure: procedure, "payments_online") }
        case "apologised":
            add(day, terms, procedure: procedure, "apologies")
        case "step_completed", "resolved":
            if e.kind == "step_completed" {
                let step = terms.step(at: r.stepPosition)
                let used = workingDays(r.stepSince, e.at)
                if step?.excluded == true { r.excludedSince = nil }
                let department = e.department ?? ""
                if let used {
                    let over = step.map { !$0.excluded && $0.allowance.map { Double(used) > $0 } == true } ?? false
                    let key = BinKey(day: DayKey(day: day, department: department, procedure: procedure), bin: String(used))
                    let old = steps[key] ?? (0, 0, 0)
                    steps[key] = (old.0 + 1, old.1 + (over ? 1 : 0), old.2 + (step?.allowance ?? 0))
                    if over && !r.overAllowance.contains(department) { r.overAllowance.append(department) }
                }
                if officers.contains(e.actor) {
                    officerSteps[BinKey(day: DayKey(day: day, department: department, procedure: ""), bin: e.actor), default: 0] += 1
                }
            }
            if e.toState != "resolved" { enter(terms.step(after: r.stepPosition)) }
        case "refused", "withdrawn", "stopped":
            r.endedAt = e.at
            r.endKind = e.kind
            r.stepDepartment = nil
            add(day, terms, procedure: procedure, e.kind)
            add(day, terms, procedure: procedure, "open_delta", -1)
        default:
            break
        }
    }

    /// The resolution: its outcome against the law's appointment (late after more than one
    /// supplement request), processing time with the union of the pauses deducted, and, among
    /// the late, those with an apology slip and those past its promise too.
    private mutating func resolve(_ e: Event, day: Int, _ r: inout DossierState, procedure: String, terms: Terms) {
        r.endedAt = e.at
        r.endKind = "resolved"
        let late = r.supplements >= 2 || r.dueAt.map { e.at > $0 } == true
        r.outcome = late ? "late" : (r.dueAt.map { day < Self.day($0) } == true ? "early" : "on_time")
        let processing = max((workingDays(r.clockStartedAt, e.at) ?? 0) - r.pausedDays, 0)
        add(day, terms, procedure: procedure, "resolved_\(r.outcome!)")
        if late, let promised = r.promisedAt {
            add(day, terms, procedure: procedure, "resolved_late_apologised")
            if e.at > promised { add(day, terms, procedure: procedure, "resolved_late_past_promise") }
        }
        add(day, terms, procedure: procedure, "processing_days", processing)
        add(day, terms, procedure: procedure, "open_delta", -1)
        limitDays[DayKey(day: day, department: terms.department, procedure: procedure), default: 0] += terms.limitDays
        durations[BinKey(day: DayKey(day: day, department: terms.department, procedure: procedure), bin: String(processing)), default: 0] += 1
        if late {
            for cause in r.overAllowance { lateCauses[DayKey(day: day, department: cause, procedure: procedure), default: 0] += 1 }
        }
        r.stepDepartment = nil
    }

    /// The overdue booking (report_overdue_from() and its clamping).
    private mutating func book(_ r: inout DossierState, before: Int?, day: Int, terms: Terms, procedure: String) {
        var after: Int?
        if r.receivedAt == nil || r.endedAt != nil || r.dueAt == nil {
            after = nil
        } else if r.supplements >= 2 {
            after = Int.min
        } else if let paused = [r.supplementSince, r.paymentSince, r.excludedSince].compactMap({ $0 }).min(), paused <= r.dueAt! {
            after = nil
        } else {
            after = Self.day(r.dueAt!)
        }
        guard before != after else { return }
        if let before, let after, before <= day, after <= day { return }
        if let before { add(max(before, day), terms, procedure: procedure, "overdue_delta", -1) }
        if let after {
            add(max(after, day), terms, procedure: procedure, "overdue_delta", 1)
            r.overdueFrom = max(after, day)
        } else {
            r.overdueFrom = nil
        }
    }
}
