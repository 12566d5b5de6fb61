import Foundation
import Postgres

/// An officer's decision on the step of a dossier waiting in their department, in one
/// transaction with its state change and its event: approving a review or signing (the route
/// then decides what comes next: the next department's work item, or the resolution), or
/// refusing (the dossier ends, `stopped`, with the reason). The next department's doorbell
/// rings after the commit.
///
/// The officer must be an active officer of the department holding the step; a signature is
/// signed by one of its leaders. Anyone else is refused and nothing is written.
public enum OfficerDecision {
    /// What the officer decides.
    public enum Action: Sendable, Equatable {
        /// The review step is done (a review step only).
        case approve(note: String?)
        /// The leader signs the result (a signature step only).
        case sign(note: String?)
        /// The dossier is refused after review, with the reason given to the applicant.
        case refuse(reason: String)
        /// The applicant must hand in `items` (every one, in full) for `reason`; the clock pauses.
        /// A second request is allowed but makes the dossier late by the national rule.
        case requestSupplement(items: [String], reason: String)
    }

    /// What the decision led to.
    public enum Outcome: Sendable, Equatable {
        /// The dossier went on to the next department of its route.
        case routed(to: String)
        /// That was the last step: the dossier is resolved, its result ready at the desk.
        case resolved
        /// The dossier was refused and has ended.
        case refused
        /// The dossier waits for the applicant's supplement; `request` counts the officers'
        /// requests (2 or more: late by the national rule).
        case awaitingSupplement(request: Int)
    }

    /// Decides `action` on dossier `code` as `officer`.
    public static func decide(code: String, officer: String, action: Action, on connection: Connection) async throws -> Outcome {
        let calendar = try await CalendarStore.calendar(on: connection)
        let outcome = try await connection.transaction { connection in
            try decide(code: code, officer: officer, action: action, calendar: calendar, in: connection)
        }
        if case .routed(let department) = outcome { try? await Doorbell.ring([department], on: connection) }
        return outcome
    }

    private static func decide(code: String, officer: String, action: Action, calendar: WorkingCalendar, in connection: isolated Connection) throws
        -> Outcome
    {
        guard let dossier = try connection.query(dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
        let dossierID: Int64 = try dossier.decode("id")
        let state: DossierState = try dossier.decode("state")
        guard state == .assigned, let item = try connection.query(assignedItemStatement, [dossierID]).first else {
            throw MotCuaError.nothingToDecide(dossier: code, state: state.rawValue)
        }
        let department: String = try item.decode("department_code")
        let kind: StepKind = try item.decode("kind")
        guard let member = try connection.query(officerStatement, [officer]).first else { throw MotCuaError.unknownOfficer(code: officer) }
        let role: String = try member.decode("role")
        guard try member.decode("department_code", as: String.self) == department else {
            throw MotCuaError.notOfficerOfDepartment(officer: officer, department: department, dossier: code)
        }
        switch action {
        case .approve where kind != .review, .sign where kind != .signature:
            throw MotCuaError.wrongDecision(dossier: code, step: kind.rawValue, hint: kind == .signature ? "sign" : "approve")
        case .sign where role != "leader":
            throw MotCuaError.invalidInput(field: "--officer", reason: "\(officer) is not a leader of \(department); a signature step is signed by a leader")
        default:
            break
        }
        var details = ["decision": decisionName(action)]
        if case .requestSupplement = action {} else { try connection.query(completeItemStatement, [try item.decode("id", as: Int64.self)]) }
        switch action {
        case .requestSupplement(let items, let reason):
            try DossierTransitions.require(dossier: code, from: state, to: .awaitingSupplement)
            let request = try connection.query(requestsStatement, [dossierID]).single().decode("n", as: Int.self) + 1
            try connection.query(DossierStore.setStateStatement, [dossierID, DossierState.awaitingSupplement])
            details = ["items": items.joined(separator: "; "), "reason": reason, "request": String(request)]
            if request > 1 { details["late"] = "a second supplement request makes the dossier late by the national rule" }
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: dossierID, kind: .supplementRequested, from: state, to: .awaitingSupplement, department: department, actor: officer,
                        details: details)
                ],
                on: connection)
            return .awaitingSupplement(request: request)
        case .refuse(let reason):
            try DossierTransitions.require(dossier: code, from: state, to: .stopped)
            try connection.query(endStatement, [dossierID, DossierState.stopped, reason])
            details["reason"] = reason
            try EventLog.append(
                [EventLog.Event(dossierID: dossierID, kind: .refused, from: state, to: .stopped, department: department, actor: officer, details: details)],
                on: connection)
            return .refused
        case .approve(let note), .sign(let note):
            if let note { details["note"] = note }
            if try item.decode("excluded_from_limit", as: Bool.self) {
                // The step the law excludes is over: the appointment date moves by the time it took.
                let due = try DossierDeadline.recompute(
                    dossier: dossierID, code: code, now: try DatabaseClock.now(on: connection), calendar: calendar, on: connection)
                details.merge(due.details) { $1 }
            }
            let position: Int = try item.decode("step_position")
            let next = try Routing.step(
                after: position, procedure: try dossier.decode("procedure_code"), version: try dossier.decode("procedure_version"), on: connection)
            let to: DossierState = next == nil ? .resolved : .routed
            try DossierTransitions.require(dossier: code, from: state, to: to)
            if let next {
                try connection.query(WorkQueue.enqueueStatement, [dossierID, next.position, next.department, next.kind])
                try connection.query(routeStatement, [dossierID, next.position])
                details["to_department"] = next.department
            } else {
                try connection.query(resolveStatement, [dossierID])
            }
            try EventLog.append(
                [EventLog.Event(dossierID: dossierID, kind: .stepCompleted, from: state, to: to, department: department, actor: officer, details: details)],
                on: connection)
            return next.map { .routed(to: $0.department) } ?? .resolved
        }
    }

    /// The decision in one word, as events record it (`approved`, `signed`, `refused`).
    public static func decisionName(_ action: Action) -> String {
        switch action {
        case .approve: return "approved"
        case .sign: return "signed"
        case .refuse: return "refused"
        case .requestSupplement: return "supplement requested"
        }
    }

    /// `$1` dossier code; the dossier locked for the decision.
    static let dossierStatement = "SELECT id, state, procedure_code, procedure_version FROM dossier WHERE code = $1 FOR UPDATE"

    /// `$1` dossier; its step of the route waiting in an officer's inbox, locked (consultations,
    /// at negative positions, are answered with ``Consultation``).
    static let assignedItemStatement = """
        SELECT w.id, w.step_position, w.department_code, w.kind, w.assigned_officer, coalesce(s.excluded_from_limit, false) AS excluded_from_limit
        FROM work_item w
        JOIN dossier d ON d.id = w.dossier_id
        LEFT JOIN procedure_step s ON s.procedure_code = d.procedure_code AND s.procedure_version = d.procedure_version AND s.position = w.step_position
        WHERE w.dossier_id = $1 AND w.state = 'assigned' AND w.step_position > 0 FOR UPDATE OF w
        """

    /// `$1` officer code.
    static let officerStatement = "SELECT department_code, role FROM officer WHERE code = $1 AND active"

    /// `$1` work item: done (business time), no longer in the officer's inbox.
    static let completeItemStatement = """
        UPDATE work_item SET state = 'completed', completed_at = motcua_now(), assigned_officer = NULL WHERE id = $1 AND state = 'assigned'
        """

    /// `$1` dossier: the officers' supplement requests so far (after receipt).
    static let requestsStatement = "SELECT count(*) AS n FROM dossier_event WHERE dossier_id = $1 AND kind = 'supplement_requested' AND from_state IS NOT NULL"

    /// `$1` dossier, `$2` the next step's position.
    static let routeStatement = "UPDATE dossier SET state = 'routed', current_step = $2 WHERE id = $1"

    /// `$1` dossier: resolved now (business time).
    static let resolveStatement = "UPDATE dossier SET state = 'resolved', current_step = NULL, resolved_at = motcua_now() WHERE id = $1"

    /// `$1` dossier, `$2` the final state, `$3` the reason.
    static let endStatement = "UPDATE dossier SET state = $2, current_step = NULL, outcome_reason = $3 WHERE id = $1"
}
