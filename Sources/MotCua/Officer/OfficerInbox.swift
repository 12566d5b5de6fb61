import CivilTime
import Foundation
import Postgres

/// What waits for one officer: the review and signature steps assigned to them, overdue first,
/// then due soonest, with the working days left before each dossier's appointment date (the
/// date the applicant was told: an apology slip's new date replaces the law's here). Reads
/// no personal data.
public enum OfficerInbox {
    /// One step in the inbox.
    public struct Line: Sendable, Codable, Equatable {
        public let dossierCode: String
        public let procedureCode: String
        public let procedureName: String
        public let step: Int
        public let kind: StepKind
        /// The dossier's state: `assigned` when the officer can decide, or what it waits for
        /// (`awaiting_supplement`, `awaiting_payment`, `consulting`).
        public let state: DossierState
        /// When the step reached the officer (business time).
        public let assignedAt: Date?
        /// The dossier's appointment date.
        public let dueDate: CalendarDate?
        /// The appointment moment has passed.
        public let overdue: Bool
        /// Working days from today to the appointment date (0: due today; negative: that many
        /// working days late); nil without an appointment date.
        public let workingDaysLeft: Int?
    }

    /// The inbox of `officer`, an active officer of the catalog; throws
    /// ``MotCuaError/unknownOfficer(code:)`` otherwise.
    public static func list(officer: String, on connection: Connection) async throws -> [Line] {
        let (rows, now) = try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            guard try connection.query(activeOfficerStatement, [officer]).first != nil else { throw MotCuaError.unknownOfficer(code: officer) }
            return (try connection.query(inboxStatement, [officer]), try DatabaseClock.now(on: connection))
        }
        let today = VietnamTime.day(of: now)
        let working = try await CalendarStore.calendar(on: connection)
        return try rows.map { row in
            let due: CalendarDate? = try row.decode("due_date")
            return Line(
                dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"), procedureName: try row.decode("name"),
                step: try row.decode("step_position"), kind: try row.decode("kind"), state: try row.decode("state"), assignedAt: try row.decode("assigned_at"),
                dueDate: due,
                overdue: try row.decode("overdue"), workingDaysLeft: due.map { working.workingDays(from: today, to: $0) })
        }
    }

    /// `$1` officer code.
    static let activeOfficerStatement = "SELECT 1 FROM officer WHERE code = $1 AND active"

    /// `$1` officer code.
    static let inboxStatement = """
        SELECT d.code, d.procedure_code, p.name, w.step_position, w.kind, d.state, w.assigned_at,
               \(DossierStore.promisedOrDueDate("d")) AS due_date, coalesce(\(DossierStore.promisedOrDue("d")) < motcua_now(), false) AS overdue
        FROM work_item w
        JOIN dossier d ON d.id = w.dossier_id
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE w.assigned_officer = $1 AND w.state = 'assigned'
        ORDER BY coalesce(\(DossierStore.promisedOrDue("d")) < motcua_now(), false) DESC, \(DossierStore.promisedOrDue("d")) NULLS LAST,
                 w.assigned_at, w.id
        """
}
