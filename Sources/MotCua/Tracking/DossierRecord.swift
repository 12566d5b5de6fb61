import Foundation
import Postgres

/// The full record of a dossier for an officer, personal data included. Reading it writes who
/// read it, when and why to the personal-data access log, in the same transaction.
///
/// Only an active officer of a department holding the dossier (one with a live step of it) or
/// of the center's desk (a department of kind `center`) may read it; anyone else is refused,
/// and the refusal is logged too (`granted = false`). The actor is declared, not authenticated,
/// until the per-department database roles arrive.
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
        /// Who holds it, how its appointment date was reached, and its hand-overs (Mẫu 05).
        public let timeline: DossierTimeline
    }

    /// Reads the record of dossier `code` for `actor`, recording `purpose`; nil if no such code.
    /// Throws ``MotCuaError/accessRefused(dossier:)`` (after logging the refusal) when the actor
    /// may not read it.
    public static func read(code: String, actor: String, purpose: String, on connection: Connection) async throws -> View? {
        enum Outcome: Sendable {
            case missing
            case refused
            case record(View)
        }
        let calendar = try await CalendarStore.calendar(on: connection)
        // One transaction: the check, the read and its log (or the refusal's log) commit together.
        let outcome = try await connection.transaction { connection -> Outcome in
            guard let check = try connection.query(mayReadStatement, [code, actor]).first else { return .missing }
            let id: Int64 = try check.decode("id")
            let granted: Bool = try check.decode("may_read")
            try PersonalDataAccess.record(dossierID: id, actor: actor, purpose: purpose, command: "dossier show", granted: granted, on: connection)
            guard granted else { return .refused }
            let row = try connection.query(readStatement, [code]).single()
            return .record(
                View(
                    intake: try IntakeRecord.result(dossierID: id, on: connection), applicantKind: try row.decode("kind"),
                    citizenID: try row.decode("citizen_id"), taxCode: try row.decode("tax_code"), phone: try row.decode("phone"),
                    email: try row.decode("email"), address: try row.decode("address"), state: try row.decode("state"),
                    timeline: try DossierTimeline.read(dossierID: id, calendar: calendar, on: connection)))
        }
        switch outcome {
        case .missing: return nil
        case .refused: throw MotCuaError.accessRefused(dossier: code)
        case .record(let view): return view
        }
    }

    /// `$1` dossier code, `$2` the actor. `may_read`: the actor is an active officer of a
    /// department with a live step of the dossier, or of the center's desk.
    static let mayReadStatement = """
        SELECT d.id, EXISTS (
            SELECT 1 FROM officer o JOIN department dep ON dep.code = o.department_code
            WHERE o.code = $2 AND o.active
              AND (dep.kind = 'center'
                   OR EXISTS (SELECT 1 FROM work_item w WHERE w.dossier_id = d.id AND w.department_code = o.department_code AND w.state <> 'completed'))
        ) AS may_read
        FROM dossier d WHERE d.code = $1
        """

    /// `$1` dossier code.
    static let readStatement = """
        SELECT d.id, d.state, a.kind, a.citizen_id, a.tax_code, a.phone, a.email, a.address
        FROM dossier d JOIN applicant a ON a.id = d.applicant_id WHERE d.code = $1
        """
}
