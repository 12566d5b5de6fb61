import CivilTime
import Foundation
import Postgres

/// The decisions that end a dossier or change its promise to the applicant, each one
/// transaction with its state change and its event: a withdrawal at the applicant's request, a
/// stop for a legal reason (both take its live steps out of every queue and inbox), the apology
/// slip with a new appointment date (once per dossier), and the result handed over at the desk
/// or by post, with the applicant's evaluation when given.
///
/// They are taken by an active officer of the center's desk, or of a department holding one of
/// the dossier's live steps; anyone else is refused and nothing is written.
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

    /// Issues the apology slip of dossier `code`: its appointment date becomes `newDate` (a
    /// working day after the current one, today or later), for `reason`. Allowed once per dossier;
    /// the pauses that follow move the new date on.
    public static func apologise(code: String, officer: String, newDate: CalendarDate, reason: String, on connection: Connection) async throws {
        let calendar = try await CalendarStore.calendar(on: connection)
        try await connection.transaction { connection in
            let (id, state) = try lock(code, officer: officer, on: connection)
            guard !state.isFinal, state != .resolved, state != .withdrawalRequested else {
                throw MotCuaError.invalidInput(field: "dossier \(code)", reason: "is \(state.rawValue); an apology slip is for a dossier still being processed")
            }
            if let earlier: Date = try connection.query(DossierDeadline.apologyStatement, [id]).first?.decode("at") {
                throw MotCuaError.invalidInput(
                    field: "dossier \(code)", reason: "already has its apology slip (\(SlipFormat.format(earlier))); only one is allowed per dossier")
            }
            let current: CalendarDate? = try connection.query(dueDateStatement, [id]).single().decode("due_date")
            guard calendar.isWorkingDay(newDate), current.map({ newDate > $0 }) ?? true else {
                throw MotCuaError.invalidInput(
                    field: "--new-date",
                    reason: "\(newDate) must be a working day after the current appointment date\(current.map { " (\($0))" } ?? "")")
            }
            let today = VietnamTime.day(of: try DatabaseClock.now(on: connection))
            guard newDate >= today else {
                throw MotCuaError.invalidInput(
                    field: "--new-date", reason: "\(newDate) is already past (today is \(today)); the apology slip gives the applicant a date still to come")
            }
            let dueMoment = OfficeHours.standard.closing(on: newDate)
            try connection.query(DossierDeadline.dueStatement, [id, dueMoment, newDate])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .apologised, from: state, to: state, department: nil, actor: officer,
                        details: [
                            "new_date": newDate.description, "previous_date": current?.description ?? "", "reason": reason,
                            "due_at": EventLog.instant(dueMoment),
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

    /// `$1` dossier: its live steps leave every queue and inbox (a worker's claim on one becomes stale).
    static let closeItemsStatement = """
        UPDATE work_item SET state = 'completed', completed_at = motcua_now(), assigned_officer = NULL, lease_expires_at = NULL, claimed_by = NULL,
                             lease_token = lease_token + 1
        WHERE dossier_id = $1 AND state <> 'completed'
        """

    /// `$1` dossier.
    static let dueDateStatement = "SELECT due_date FROM dossier WHERE id = $1"
}
