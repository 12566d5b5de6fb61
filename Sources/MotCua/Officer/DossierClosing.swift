import CivilTime
import Foundation
import Postgres

/// The decisions that end a dossier or change its promise to the applicant, each one
/// transaction with its state change and its event: a withdrawal at the applicant's request, a
/// stop for a legal reason (both take its live steps out of every queue and inbox), the apology
/// slip promising the applicant a new date (once per dossier), and the result handed over at the desk
/// or by post, with the applicant's evaluation when given.
///
/// They are taken by an active officer of the center's desk, or of a department holding one of
/// the dossier's live steps (the apology slip: by a leader of such a department); anyone else is
/// refused and nothing is written.
public enum DossierClosing {
    /// How the result reached the applicant: at the desk, by post, or as an electronic result
    /// (signed file on the portal; the digitisation indicator's data).
    public enum Delivery: String, Sendable, CaseIterable, Codable {
        case desk, post, electronic
    }

    /// The applicant's evaluation at hand-over (the satisfaction indicator's data).
    public enum Evaluation: String, Sendable, CaseIterable, Codable {
        case satisfied
        case notSatisfied = "not_satisfied"
        case complaint
    }

    /// Records the applicant's request to withdraw dossier `code` (`reference`: the request's number).
    public static func withdraw(code: String, officer: String, reference: String, on connection: Connection) async throws {
        try await end(code: code, officer: officer, to: .withdrawalRequested, kind: .withdrawn, details: ["reference": reference], on: connection)
    }

    /// Stops the processing of dossier `code` for `reason` (the legal ground).
    public static func stop(code: String, officer: String, reason: String, on connection: Connection) async throws {
        try await end(code: code, officer: officer, to: .stopped, kind: .stopped, details: ["reason": reason], on: connection)
    }

    private static func end(
        code: String, officer: String, to: DossierState, kind: DossierEventKind, details: [String: String], on connection: Connection
    ) async throws {
        try await connection.transaction { connection in
            let (id, state) = try lock(code, officer: officer, on: connection)
            try DossierTransitions.require(dossier: code, from: state, to: to)
            try connection.query(closeItemsStatement, [id])
            try connection.query(DossierStore.setStateStatement, [id, to])
            try EventLog.append(
                [EventLog.Event(dossierID: id, kind: kind, from: state, to: to, department: nil, actor: officer, details: details)], on: connection)
        }
    }

    /// Issues the apology slip (Mẫu 04) of dossier `code`, signed by `officer`, a leader of the
    /// department holding it, for `reason`: the applicant is promised `newDate`, a working day
    /// after today and after the law's appointment date, and no later than the procedure's own
    /// limit counted again from today (``DeadlineCalculator/latestApologyDate(for:today:)``; the
    /// first working day after the appointment when that leaves no day after it).
    /// Allowed once per dossier. The law's appointment date stays as it was: the dossier is late
    /// by it, and the reports count it so; the promise is what tracking and the inboxes show,
    /// and the pauses that follow the slip move it on.
    public static func apologise(code: String, officer: String, newDate: CalendarDate, reason: String, on connection: Connection) async throws {
        let calendar = try await CalendarStore.calendar(on: connection)
        try await connection.transaction { connection in
            let (id, state) = try lock(code, officer: officer, on: connection)
            guard !state.isFinal, state != .resolved, state != .withdrawalRequested else {
                throw MotCuaError.invalidInput(field: "dossier \(code)", reason: "is \(state.rawValue); an apology slip is for a dossier still being processed")
            }
            guard try connection.query(maySignApologyStatement, [officer, id]).first != nil else {
                throw MotCuaError.invalidInput(
                    field: "--officer",
                    reason: "\(officer) is not a leader of a department holding dossier \(code); its apology slip is signed by one of that department's leaders"
                )
            }
            if let earlier: Date = try connection.query(DossierDeadline.apologyStatement, [id]).first?.decode("at") {
                throw MotCuaError.invalidInput(
                    field: "dossier \(code)", reason: "already has its apology slip (\(SlipFormat.format(earlier))); only one is allowed per dossier")
            }
            let rules = try connection.query(DossierDeadline.rulesStatement, [id]).single()
            let (limit, _) = try ProcedureTerms.deadlineRules(of: rules, procedure: "the procedure of dossier \(code)")
            let current: CalendarDate? = try rules.decode("due_date")
            let now = try DatabaseClock.now(on: connection)
            let today = VietnamTime.day(of: now)
            // When the rule leaves no day after the appointment (a same-day procedure apologised for
            // before its day is over), the first working day after the appointment is the bound.
            let latest = max(
                DeadlineCalculator(calendar: calendar).latestApologyDate(for: limit, today: today),
                current.map { calendar.nextWorkingDay(after: $0) } ?? today)
            guard calendar.isWorkingDay(newDate), newDate > today, current.map({ newDate > $0 }) ?? true, newDate <= latest else {
                throw MotCuaError.invalidInput(
                    field: "--new-date",
                    reason: "\(newDate) must be a working day after today (\(today))\(current.map { " and after the appointment date \($0)" } ?? ""), "
                        + "and no later than \(latest), the procedure's limit (\(limit)) counted again from today")
            }
            let promised = OfficeHours.standard.closing(on: newDate)
            try connection.query(promiseStatement, [id, promised, newDate])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .apologised, from: state, to: state, department: nil, actor: officer,
                        details: [
                            "new_date": newDate.description, "previous_date": current?.description ?? "", "reason": reason,
                            "promised_at": EventLog.instant(promised),
                        ])
                ],
                on: connection)
        }
    }

    /// Hands the result of resolved dossier `code` over (`delivery`), with the applicant's
    /// `evaluation` when given; the dossier ends `returned`.
    public static func returnResult(code: String, officer: String, delivery: Delivery, evaluation: Evaluation?, on connection: Connection) async throws {
        try await connection.transaction { connection in
            let (id, state) = try lock(code, officer: officer, on: connection)
            try DossierTransitions.require(dossier: code, from: state, to: .returned)
            try connection.query(DossierStore.setStateStatement, [id, DossierState.returned])
            var details = ["by": delivery.rawValue]
            if let evaluation { details["evaluation"] = evaluation.rawValue }
            try EventLog.append(
                [EventLog.Event(dossierID: id, kind: .returned, from: state, to: .returned, department: nil, actor: officer, details: details)],
                on: connection)
        }
    }

    /// Locks dossier `code` and checks `officer` may act on it; returns its ID and state.
    private static func lock(_ code: String, officer: String, on connection: isolated Connection) throws -> (Int64, DossierState) {
        guard let row = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
        let id: Int64 = try row.decode("id")
        guard try connection.query(mayActStatement, [officer, id]).first != nil else {
            throw MotCuaError.mayNotAct(officer: officer, dossier: code)
        }
        return (id, try row.decode("state"))
    }

    /// `$1` officer, `$2` dossier: an active officer of the center's desk or of a department
    /// holding one of the dossier's live steps.
    static let mayActStatement = """
        SELECT 1 FROM officer o JOIN department dep ON dep.code = o.department_code
        WHERE o.code = $1 AND o.active
          AND (dep.kind = 'center'
               OR EXISTS (SELECT 1 FROM work_item w WHERE w.dossier_id = $2 AND w.department_code = o.department_code AND w.state <> 'completed'))
        """

    /// `$1` officer, `$2` dossier: an active leader of a department holding one of the dossier's live steps.
    static let maySignApologyStatement = """
        SELECT 1 FROM officer o
        WHERE o.code = $1 AND o.active AND o.role = 'leader'
          AND EXISTS (SELECT 1 FROM work_item w WHERE w.dossier_id = $2 AND w.department_code = o.department_code AND w.state <> 'completed')
        """

    /// `$1` dossier, `$2` the promised moment, `$3` its date.
    static let promiseStatement = "UPDATE dossier SET promised_at = $2, promised_date = $3 WHERE id = $1"

    /// `$1` dossier: its live steps leave every queue and inbox (a worker's claim on one becomes stale).
    static let closeItemsStatement = """
        UPDATE work_item SET state = 'completed', completed_at = motcua_now(), assigned_officer = NULL, lease_expires_at = NULL, claimed_by = NULL,
                             lease_token = lease_token + 1
        WHERE dossier_id = $1 AND state <> 'completed'
        """
}
