import CivilTime
import Foundation
import Postgres

/// The supplement an officer asked for, handed in at the desk: the dossier's clock runs again,
/// its appointment date moves by the working time the requests paused it (across weekends and
/// holidays, on the stored calendar), and the step goes back to the officer's inbox. In one
/// transaction with its events (`supplement_received`, then `assigned`).
public enum SupplementDesk {
    /// Records the supplement of dossier `code` as received by `officer` (of the center's desk,
    /// or of the department holding the step); returns the new appointment date.
    public static func receive(code: String, officer: String, on connection: Connection) async throws -> CalendarDate {
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction { connection in
            guard let dossier = try connection.query(dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try dossier.decode("id")
            let state: DossierState = try dossier.decode("state")
            guard state == .awaitingSupplement, let item = try connection.query(OfficerDecision.assignedItemStatement, [id]).first else {
                throw MotCuaError.invalidInput(
                    field: "dossier \(code)", reason: "is \(state.rawValue), not waiting for a supplement an officer asked for; nothing was changed")
            }
            let department: String = try item.decode("department_code")
            guard try connection.query(mayReceiveStatement, [officer, department]).first != nil else {
                throw MotCuaError.mayNotAct(officer: officer, dossier: code)
            }
            try DossierTransitions.require(dossier: code, from: state, to: .supplementReceived)
            try DossierTransitions.require(dossier: code, from: .supplementReceived, to: .assigned)
            let now = try DatabaseClock.now(on: connection)
            let (limit, policy) = try ProcedureTerms.deadlineRules(of: dossier, procedure: "the procedure of dossier \(code)")
            let pauses = try pausesClosed(at: now, dossier: id, on: connection)
            let channel: Channel = try dossier.decode("channel")
            let deadline = DeadlineCalculator(calendar: calendar).deadline(
                for: limit, receivedAt: try dossier.decode("submitted_at"), mode: channel.submissionMode, policy: policy, pauses: pauses)
            // Two changes, each one the state machine allows: the supplement is in, then the step is
            // back with its officer.
            try connection.query(DossierStore.setStateStatement, [id, DossierState.supplementReceived])
            try connection.query(DossierStore.setStateStatement, [id, DossierState.assigned])
            try connection.query(dueStatement, [id, deadline.dueMoment, deadline.dueDate])
            let before: CalendarDate? = try dossier.decode("due_date")
            let assignee: String? = try item.decode("assigned_officer")
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .supplementReceived, from: state, to: .supplementReceived, department: department, actor: officer,
                        details: ["due_date": deadline.dueDate.description, "due_date_before": before?.description ?? ""]),
                    EventLog.Event(
                        dossierID: id, kind: .assigned, from: .supplementReceived, to: .assigned, department: department, actor: officer,
                        details: assignee.map { ["officer": $0] } ?? [:]),
                ],
                on: connection)
            return deadline.dueDate
        }
    }

    /// The intervals the officers' supplement requests paused the clock, the last one closed at
    /// `now`: each `supplement_requested` after receipt to the `supplement_received` after it.
    static func pausesClosed(at now: Date, dossier: Int64, on connection: isolated Connection) throws -> [DateInterval] {
        var pauses: [DateInterval] = []
        var start: Date?
        for row in try connection.query(pauseEventsStatement, [dossier]) {
            let kind: DossierEventKind = try row.decode("kind")
            let at: Date = try row.decode("at")
            if kind == .supplementRequested {
                start = start ?? at
            } else if let begun = start {
                pauses.append(DateInterval(start: begun, end: max(begun, at)))
                start = nil
            }
        }
        if let begun = start { pauses.append(DateInterval(start: begun, end: max(begun, now))) }
        return pauses
    }

    /// `$1` dossier code: the dossier locked, with its procedure version's rules.
    static let dossierStatement = """
        SELECT d.id, d.state, d.channel, d.submitted_at, d.due_date, p.time_limit, p.time_limit_unit, p.counting_convention, p.cutoff_applies
        FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.code = $1 FOR UPDATE OF d
        """

    /// `$1` officer, `$2` the department holding the step: an active officer of the center's
    /// desk or of that department.
    static let mayReceiveStatement = """
        SELECT 1 FROM officer o JOIN department dep ON dep.code = o.department_code
        WHERE o.code = $1 AND o.active AND (dep.kind = 'center' OR o.department_code = $2)
        """

    /// `$1` dossier: the events that open and close the officers' supplement pauses, in order.
    static let pauseEventsStatement = """
        SELECT kind, at FROM dossier_event
        WHERE dossier_id = $1 AND kind IN ('supplement_requested', 'supplement_received') AND from_state IS NOT NULL
        ORDER BY id
        """

    /// `$1` dossier, `$2` the due moment, `$3` the due date.
    static let dueStatement = "UPDATE dossier SET due_at = $2, due_date = $3 WHERE id = $1"
}
