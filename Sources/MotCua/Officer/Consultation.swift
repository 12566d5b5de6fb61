import Foundation
import Postgres

/// An officer asks another department's opinion: the dossier waits (`consulting`) while a
/// consultation step goes to that department's queue and on to one of its officers; the
/// answer comes back to the asking officer's step, and the dossier is `assigned` again. Each in
/// one transaction with its event; the consulted department's doorbell rings after the commit.
///
/// A consultation is a work item at a negative step position (−1, −2, … in asking order), so it
/// never takes the place of a step of the route.
public enum Consultation {
    /// Asks `department` about dossier `code`, on behalf of `officer` (who holds its step).
    public static func ask(code: String, officer: String, department: String, question: String, on connection: Connection) async throws {
        try await CatalogReader.requireDepartment(department, on: connection)
        try await connection.transaction { connection in
            guard let dossier = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try dossier.decode("id")
            let state: DossierState = try dossier.decode("state")
            guard state == .assigned, let item = try connection.query(OfficerDecision.assignedItemStatement, [id]).first else {
                throw MotCuaError.nothingToDecide(dossier: code, state: state.rawValue)
            }
            let holding: String = try item.decode("department_code")
            guard try connection.query(OfficerDecision.officerStatement, [officer]).first?.decode("department_code", as: String.self) == holding else {
                throw MotCuaError.notOfficerOfDepartment(officer: officer, department: holding, dossier: code)
            }
            guard department != holding else {
                throw MotCuaError.invalidInput(field: "--department", reason: "\(department) holds the dossier already; consult another department")
            }
            try DossierTransitions.require(dossier: code, from: state, to: .consulting)
            let position = -(try connection.query(countStatement, [id]).single().decode("n", as: Int.self) + 1)
            try connection.query(WorkQueue.enqueueStatement, [id, position, department, StepKind.review])
            try connection.query(DossierStore.setStateStatement, [id, DossierState.consulting])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .consulted, from: state, to: .consulting, department: holding, actor: officer,
                        details: ["to_department": department, "question": question])
                ],
                on: connection)
        }
        try? await Doorbell.ring([department], on: connection)
    }

    /// Answers the open consultation of dossier `code` as `officer`, an officer of the consulted
    /// department: the opinion goes back to the asking officer's step.
    public static func answer(code: String, officer: String, opinion: String, on connection: Connection) async throws {
        try await connection.transaction { connection in
            guard let dossier = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try dossier.decode("id")
            let state: DossierState = try dossier.decode("state")
            guard state == .consulting, let item = try connection.query(openStatement, [id]).first else {
                throw MotCuaError.invalidInput(field: "dossier \(code)", reason: "is \(state.rawValue); no consultation of it waits for an answer")
            }
            let consulted: String = try item.decode("department_code")
            guard try connection.query(OfficerDecision.officerStatement, [officer]).first?.decode("department_code", as: String.self) == consulted else {
                throw MotCuaError.notOfficerOfDepartment(officer: officer, department: consulted, dossier: code)
            }
            try DossierTransitions.require(dossier: code, from: state, to: .assigned)
            try connection.query(OfficerDecision.completeItemStatement, [try item.decode("id", as: Int64.self)])
            try connection.query(DossierStore.setStateStatement, [id, DossierState.assigned])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .consultationAnswered, from: state, to: .assigned, department: consulted, actor: officer,
                        details: ["opinion": opinion])
                ],
                on: connection)
        }
    }

    /// `$1` dossier: the consultations asked so far.
    static let countStatement = "SELECT count(*) AS n FROM dossier_event WHERE dossier_id = $1 AND kind = 'consulted'"

    /// `$1` dossier: its open consultation (with an officer of the consulted department), locked.
    static let openStatement = """
        SELECT id, department_code FROM work_item WHERE dossier_id = $1 AND step_position < 0 AND state = 'assigned' FOR UPDATE
        """
}
