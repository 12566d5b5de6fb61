import Postgres

/// Hands a claimed review or signature step to an officer of the department and releases the
/// lease: an officer's review can take days, so it is an assignment, not a lease. In one
/// transaction: the assignment, the dossier's state and its event.
///
/// Who gets it, among the department's active officers: for a signature the leaders first,
/// for a review the officers first; then those configured for the dossier's procedure (the
/// catalog's `officers[].procedures`), then the least loaded (fewest steps in their inbox).
public enum OfficerAssignment {
    /// What assigning a step led to.
    public enum Outcome: Sendable, Equatable {
        /// The step waits in this officer's inbox.
        case assigned(officer: String)
        /// The department has no active officer; the item needs a supervisor's attention.
        case noOfficer
        /// The claim had expired and the item was taken by another worker; nothing changed.
        case staleLease
    }

    /// Assigns `item` on behalf of `actor` (the worker's identity).
    public static func assign(_ item: ClaimedWorkItem, actor: String, on connection: Connection) async throws -> Outcome {
        try await connection.transaction { connection in
            let wanted = item.kind == .signature ? "leader" : "officer"
            let candidates = try connection.query(candidatesStatement, [item.department, wanted, item.dossierID])
            guard let officer: String = try candidates.first?.decode("code") else {
                let flagged = try WorkQueue.flag(item, reason: "no active officer in department \(item.department)", actor: actor, on: connection)
                return flagged ? .noOfficer : .staleLease
            }
            let updated = try connection.query(assignStatement, [item.id, item.leaseToken, officer])
            guard updated.affectedRows == 1 else { return .staleLease }
            let from: DossierState = try connection.query(lockDossierStatement, [item.dossierID]).single().decode("state")
            // A consultation (a step at a negative position) reaches the consulted officer while
            // the dossier stays `consulting`; any other step puts the dossier in the officer's hands.
            let to: DossierState = item.stepPosition < 0 ? from : .assigned
            if to != from { try connection.query(DossierStore.setStateStatement, [item.dossierID, to]) }
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: item.dossierID, kind: .assigned, from: from, to: to, department: item.department, actor: actor,
                        details: ["officer": officer])
                ],
                on: connection)
            return .assigned(officer: officer)
        }
    }

    /// `$1` department, `$2` the role wanted first (`leader` or `officer`), `$3` dossier.
    static let candidatesStatement = """
        SELECT o.code FROM officer o
        LEFT JOIN work_item w ON w.assigned_officer = o.code AND w.state = 'assigned'
        LEFT JOIN officer_procedure op ON op.officer_code = o.code
             AND op.procedure_code = (SELECT procedure_code FROM dossier WHERE id = $3)
        WHERE o.department_code = $1 AND o.active
        GROUP BY o.code, o.role, op.procedure_code
        ORDER BY (o.role = $2) DESC, (op.procedure_code IS NOT NULL) DESC, count(w.id), o.code
        LIMIT 1
        """

    /// `$1` item, `$2` lease token, `$3` officer.
    static let assignStatement = """
        UPDATE work_item AS w
        SET state = 'assigned', assigned_officer = $3, assigned_at = motcua_now(), lease_expires_at = NULL, claimed_by = NULL
        WHERE \(WorkQueue.holdsLease("w", id: "$1", token: "$2"))
        """

    /// `$1` dossier.
    static let lockDossierStatement = "SELECT state FROM dossier WHERE id = $1 FOR UPDATE"

}
