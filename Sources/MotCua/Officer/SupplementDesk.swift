import CivilTime
import Foundation
import Postgres

/// The supplement an officer asked for, handed in at the desk: the dossier's clock runs again,
/// its appointment date moves by the working time the requests paused it (across weekends and
/// holidays, on the stored calendar), and the step goes back to the officer's inbox. In one
/// transaction with its events (`supplement_received`, then `assigned`).
public enum SupplementDesk {
    /// Records the supplement of dossier `code` as received by `officer` (of the center's desk,
    /// or of the department holding the step); returns the date now told to the applicant (an apology slip's
    /// promise, else the new appointment date).
    public static func receive(code: String, officer: String, on connection: Connection) async throws -> CalendarDate {
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction { connection in
            guard let dossier = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
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
            // Two changes, each one the state machine allows: the supplement is in, then the step is
            // back with its officer.
            try connection.query(DossierStore.setStateStatement, [id, DossierState.supplementReceived])
            try connection.query(DossierStore.setStateStatement, [id, DossierState.assigned])
            let due = try DossierDeadline.recompute(
                dossier: id, code: code, now: try DatabaseClock.now(on: connection), calendar: calendar, on: connection)
            let assignee: String? = try item.decode("assigned_officer")
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .supplementReceived, from: state, to: .supplementReceived, department: department, actor: officer,
                        details: due.details),
                    EventLog.Event(
                        dossierID: id, kind: .assigned, from: .supplementReceived, to: .assigned, department: department, actor: officer,
                        details: assignee.map { ["officer": $0] } ?? [:]),
                ],
                on: connection)
            return due.shown
        }
    }

    /// `$1` officer, `$2` the department holding the step: an active officer of the center's
    /// desk or of that department.
    static let mayReceiveStatement = """
        SELECT 1 FROM officer o JOIN department dep ON dep.code = o.department_code
        WHERE o.code = $1 AND o.active AND (dep.kind = 'center' OR o.department_code = $2)
        """
}
