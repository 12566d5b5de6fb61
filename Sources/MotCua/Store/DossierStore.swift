/// Writes to the `dossier` row shared by every service that moves a dossier: each caller checks
/// the change with ``DossierTransitions`` and writes its event through ``EventLog`` in the same
/// transaction; the database's trigger refuses any change the state machine does not allow.
enum DossierStore {
    /// `$1` dossier, `$2` its new state.
    static let setStateStatement = "UPDATE dossier SET state = $2 WHERE id = $1"

    /// A scalar subquery: who holds the live step of the dossier `d` (`STC — stc.cb01`, or the
    /// department alone while no officer has it), NULL when no step is live.
    static let holderExpression = """
        (SELECT w.department_code || coalesce(' — ' || w.assigned_officer, '') FROM work_item w
         WHERE w.dossier_id = d.id AND w.state <> 'completed' ORDER BY w.step_position LIMIT 1)
        """

    /// The moment told to the applicant for dossier (or `report_open`) row `d`: an apology
    /// slip's promise, else the law's appointment.
    static func promisedOrDue(_ d: String) -> String { "coalesce(\(d).promised_at, \(d).due_at)" }

    /// The date told to the applicant for dossier row `d`: an apology slip's, else the appointment date.
    static func promisedOrDueDate(_ d: String) -> String { "coalesce(\(d).promised_date, \(d).due_date)" }
}
