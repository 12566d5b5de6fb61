import Postgres

/// Takes back a procedure version loaded by mistake (an absurd limit, a wrong fee) before any
/// dossier uses it: its documents, steps and row are removed, the previous version is in force
/// again as before, and the retraction is logged with its reason. Loading the corrected file
/// then works as if the mistaken version had never been loaded.
public enum CatalogRetraction {
    /// Retracts version `version` of procedure `code` on behalf of `actor`, for `reason`.
    /// Only the latest version can be retracted (an earlier one would leave a gap in validity),
    /// and only while no dossier was submitted under it.
    public static func retract(code: String, version: Int, reason: String, actor: String, on connection: Connection) async throws {
        try await connection.transaction { connection in
            try connection.query(CatalogLoader.lockStatement, [CatalogLoader.lockKey])
            guard let latest: Int = try connection.query(CatalogLoader.latestVersionStatement, [code]).first?.decode("version") else {
                throw MotCuaError.unknownProcedure(code: code)
            }
            guard (1...latest).contains(version) else {
                throw MotCuaError.invalidInput(field: "--version", reason: "procedure \(code) has versions 1 to \(latest); there is no version \(version)")
            }
            guard version == latest else {
                throw MotCuaError.invalidInput(
                    field: "--version",
                    reason: "only the latest version of \(code) (\(latest)) can be retracted: retracting \(version) would leave a gap in its validity")
            }
            let used: Int = try connection.query(usedStatement, [code, version]).single().decode("n")
            guard used == 0 else {
                throw MotCuaError.invalidInput(
                    field: "procedure \(code) version \(version)",
                    reason: "\(used) dossier(s) were submitted under it, so it stays; load a corrected version that takes effect later instead")
            }
            let from: String = try connection.query(removeStatement, [code, version]).single().decode("effective_from")
            try connection.query(reopenStatement, [code, version - 1])
            try ReferenceLog.append(
                .procedureVersionRetracted, subject: "procedure \(code) version \(version)", actor: actor, reason: reason,
                details: ["effective_from": from], on: connection)
        }
    }

    /// `$1` procedure code, `$2` version.
    static let usedStatement = "SELECT count(*) AS n FROM dossier WHERE procedure_code = $1 AND procedure_version = $2"

    /// `$1` procedure code, `$2` version: its documents, steps and row, in one statement.
    static let removeStatement = """
        WITH documents AS (
            DELETE FROM procedure_document WHERE procedure_code = $1 AND procedure_version = $2
        ), steps AS (
            DELETE FROM procedure_step WHERE procedure_code = $1 AND procedure_version = $2
        )
        DELETE FROM procedure WHERE code = $1 AND version = $2 RETURNING effective_from::text
        """

    /// `$1` procedure code, `$2` the version before the retracted one: in force again without end.
    static let reopenStatement = "UPDATE procedure SET effective_until = NULL WHERE code = $1 AND version = $2"
}
