import Postgres

/// The append-only log of dossier state changes. Callers append inside the transaction that
/// makes the change, so the log and the state can never disagree.
enum EventLog {
    static func append(
        dossierID: Int64, kind: String, from: DossierState?, to: DossierState,
        department: String?, actor: String, on connection: isolated Connection
    ) throws {
        try connection.query(
            """
            INSERT INTO dossier_event (dossier_id, kind, from_state, to_state, department_code, actor)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [dossierID, kind, from?.rawValue, to.rawValue, department, actor])
    }
}
