/// Writes to the `dossier` row shared by every service that moves a dossier: each caller checks
/// the change with ``DossierTransitions`` and writes its event through ``EventLog`` in the same
/// transaction; the database's trigger refuses any change the state machine does not allow.
enum DossierStore {
    /// `$1` dossier, `$2` its new state.
    static let setStateStatement = "UPDATE dossier SET state = $2 WHERE id = $1"
}
