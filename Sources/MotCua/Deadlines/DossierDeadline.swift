import CivilTime
import Foundation
import Postgres

/// A dossier's appointment date as the law computes it (`due_at`, `due_date`): from its receipt
/// and its procedure version's limit, with the clock paused by officers' supplement requests, by
/// payment requests where the procedure says so, and by the steps excluded from the limit. An
/// apology slip never moves it (the slip is issued because the dossier is late, and leaves it
/// late); the slip's new date is the promise to the applicant (`promised_at`, `promised_date`),
/// moved on by the pauses that follow the slip. The one place that reads the pauses and moves
/// either date; every decision that ends a pause calls it in its own transaction.
enum DossierDeadline {
    /// The pauses of dossier `id`'s clock, in the order they began.
    static func pauses(of id: Int64, on connection: isolated Connection) throws -> [ClockPause] {
        var pauses: [ClockPause] = []
        var open: [ClockPause.Reason: (at: Date, department: String?)] = [:]
        for row in try connection.query(pauseEventsStatement, [id]) {
            let kind: DossierEventKind = try row.decode("kind")
            let at: Date = try row.decode("at")
            let department: String? = try row.decode("department_code")
            switch kind {
            case .supplementRequested: open[.supplement] = open[.supplement] ?? (at, department)
            case .paymentRequested where try row.decode("pauses", as: Bool.self): open[.payment] = open[.payment] ?? (at, department)
            case .supplementReceived, .paymentReceived:
                let reason: ClockPause.Reason = kind == .supplementReceived ? .supplement : .payment
                if let begun = open.removeValue(forKey: reason) {
                    pauses.append(ClockPause(reason: reason, from: begun.at, until: at, department: begun.department))
                }
            default: break
            }
        }
        pauses += open.map { ClockPause(reason: $0.key, from: $0.value.at, until: nil, department: $0.value.department) }
        for step in try connection.query(stepsStatement, [id]) where try step.decode("excluded_from_limit", as: Bool.self) {
            pauses.append(
                ClockPause(
                    reason: .excludedStep, from: try step.decode("created_at"), until: try step.decode("completed_at"),
                    department: try step.decode("department_code")))
        }
        return pauses.sorted { $0.from < $1.from }
    }

    /// An appointment that moved: the law's date before and after, and the new due moment; and
    /// the promise of an apology slip, when there is one.
    struct Moved {
        let before: CalendarDate?
        let after: CalendarDate
        let dueMoment: Date
        let promise: Deadline?

        /// The date told to the applicant: the promise, else the law's date.
        var shown: CalendarDate { promise?.dueDate ?? after }

        /// The event details that record the move (the reports' projection reads `due_at` and
        /// `promised_at`).
        var details: [String: String] {
            var details = ["due_date": after.description, "due_date_before": before?.description ?? "", "due_at": EventLog.instant(dueMoment)]
            if let promise {
                details["promised_date"] = promise.dueDate.description
                details["promised_at"] = EventLog.instant(promise.dueMoment)
            }
            return details
        }
    }

    /// Recomputes dossier `id`'s appointment date, and its apology slip's promise, at `now`
    /// (ongoing pauses end there) and stores them; returns how they moved. `code` names the
    /// dossier in errors.
    @discardableResult
    static func recompute(dossier id: Int64, code: String, now: Date, calendar: WorkingCalendar, on connection: isolated Connection) throws -> Moved {
        let row = try connection.query(rulesStatement, [id]).single()
        let (limit, policy) = try ProcedureTerms.deadlineRules(of: row, procedure: "the procedure of dossier \(code)")
        let channel: Channel = try row.decode("channel")
        let calculator = DeadlineCalculator(calendar: calendar)
        let pauses = try pauses(of: id, on: connection).map { $0.interval(closedAt: now) }
        let deadline = calculator.deadline(
            for: limit, receivedAt: try row.decode("received_at"), mode: channel.submissionMode, policy: policy, pauses: pauses)
        let promise = try connection.query(apologyStatement, [id]).first.map { apology in
            // A pause after the slip moves its promise on; the law's date is the one above.
            calculator.deadline(
                promised: try apology.decode("new_date"), at: try apology.decode("at"), replacing: deadline, for: limit, pauses: pauses)
        }
        try connection.query(dueStatement, [id, deadline.dueMoment, deadline.dueDate, promise?.dueMoment, promise?.dueDate])
        return Moved(before: try row.decode("due_date"), after: deadline.dueDate, dueMoment: deadline.dueMoment, promise: promise)
    }

    /// `$1` dossier: the events that open and close pauses, in order (only the officers'
    /// supplement requests, after receipt; a payment request says whether it paused).
    static let pauseEventsStatement = """
        SELECT kind, at, department_code, coalesce((details->>'pauses_clock')::boolean, false) AS pauses FROM dossier_event
        WHERE dossier_id = $1 AND from_state IS NOT NULL
          AND kind IN ('supplement_requested', 'supplement_received', 'payment_requested', 'payment_received')
        ORDER BY id
        """

    /// `$1` dossier: the steps of its route it reached, queued or archived, with the catalog's
    /// allowance and whether the law excludes them from the limit (consultations, at negative
    /// positions, are not steps of the route). The timeline shows them; excluded ones pause the clock.
    static let stepsStatement = """
        SELECT w.step_position, w.department_code, w.kind, w.created_at, w.completed_at, s.allowance, s.excluded_from_limit
        FROM (SELECT dossier_id, step_position, department_code, kind, created_at, completed_at FROM work_item WHERE dossier_id = $1 AND step_position > 0
              UNION ALL
              SELECT dossier_id, step_position, department_code, kind, created_at, completed_at FROM work_item_history
              WHERE dossier_id = $1 AND step_position > 0) w
        JOIN dossier d ON d.id = w.dossier_id
        JOIN procedure_step s ON s.procedure_code = d.procedure_code AND s.procedure_version = d.procedure_version AND s.position = w.step_position
        ORDER BY w.step_position
        """

    /// `$1` dossier: its apology slip, if it has one (one at most): when, and the new date.
    static let apologyStatement = """
        SELECT at, (details->>'new_date')::date AS new_date FROM dossier_event WHERE dossier_id = $1 AND kind = 'apologised' LIMIT 1
        """

    /// `$1` dossier: its receipt, channel, due date and its procedure version's rules.
    static let rulesStatement = """
        SELECT coalesce(d.received_at, d.submitted_at) AS received_at, d.channel, d.due_date,
               p.time_limit, p.time_limit_unit, p.counting_convention, p.cutoff_applies
        FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.id = $1
        """

    /// `$1` dossier, `$2` the law's due moment, `$3` its date, `$4` the promised moment, `$5` its date (NULL: no promise).
    static let dueStatement = "UPDATE dossier SET due_at = $2, due_date = $3, promised_at = $4, promised_date = $5 WHERE id = $1"
}
