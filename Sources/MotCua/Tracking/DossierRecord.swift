import Foundation
import Postgres

/// The full record of a dossier for an officer, personal data included. Reading it writes who
/// read it, when and why to the personal-data access log, in the same transaction.
public enum DossierRecord {
    /// The intake result (with the applicant's name) and the applicant's contact data.
    public struct View: Sendable, Codable, Equatable {
        public let intake: IntakeResult
        public let applicantKind: String
        public let citizenID: String?
        public let taxCode: String?
        public let phone: String?
        public let email: String?
        public let address: String?
        public let state: DossierState
    }

    /// Reads the record of dossier `code` for `actor`, recording `purpose`; nil if no such code.
    public static func read(code: String, actor: String, purpose: String, on connection: Connection) async throws -> View? {
        try await connection.transaction { connection in
            let rows = try connection.query(readStatement, [code])
            guard let row = rows.first else { return nil }
            let id: Int64 = try row.decode("id")
            try PersonalDataAccess.record(dossierID: id, actor: actor, purpose: purpose, command: "dossier show", on: connection)
            return View(
                intake: try IntakeRecord.result(dossierID: id, on: connection), applicantKind: try row.decode("kind"),
                citizenID: try row.decode("citizen_id"), taxCode: try row.decode("tax_code"), phone: try row.decode("phone"),
                email: try row.decode("email"), address: try row.decode("address"),
                state: try row.decode("state"))
        }
    }

    /// `$1` dossier code.
    static let readStatement = """
        SELECT d.id, d.state, a.kind, a.citizen_id, a.tax_code, a.phone, a.email, a.address
        FROM dossier d JOIN applicant a ON a.id = d.applicant_id WHERE d.code = $1
        """
}
