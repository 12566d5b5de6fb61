import Postgres

/// The log of who read a dossier's personal data, when and why (Decree 13/2023/NĐ-CP). Every
/// path that shows a dossier's personal data writes to it in the same transaction as the read,
/// and a refused read is written too (`granted` false).
enum PersonalDataAccess {
    static func record(dossierID: Int64, actor: String, purpose: String, command: String, granted: Bool, on connection: isolated Connection) throws {
        try connection.query(recordStatement, [String(actor.prefix(64)), purpose, command, dossierID, granted])
    }

    /// `$1` actor, `$2` purpose, `$3` command, `$4` dossier, `$5` granted.
    static let recordStatement = "INSERT INTO personal_data_access (actor, purpose, command, dossier_id, granted) VALUES ($1, $2, $3, $4, $5)"
}
