import CivilTime
import Foundation
import Postgres

/// The official calendar decisions stored in `calendar_override`, and the working calendar
/// they make over the computed default.
public enum CalendarStore {
    /// Every stored decision, by date.
    public static func overrides(on connection: Connection) async throws -> [CalendarOverride] {
        try await connection.query(overridesStatement).map { row in
            CalendarOverride(date: try row.decode("day"), kind: try row.decode("kind"), reason: try row.decode("reason"), document: try row.decode("document"))
        }
    }

    static let overridesStatement = "SELECT day, kind, reason, document FROM calendar_override ORDER BY day"

    /// The working calendar: computed holidays with the stored decisions over them.
    public static func calendar(on connection: Connection) async throws -> WorkingCalendar {
        WorkingCalendar(overrides: try await overrides(on: connection))
    }

    /// Records (or replaces) the decision for one day.
    public static func set(_ decision: CalendarOverride, on connection: Connection) async throws {
        try await connection.query(setStatement, [decision.date, decision.kind.rawValue, decision.reason, decision.document])
    }

    /// `$1` day, `$2` kind, `$3` reason, `$4` document (the decision's number).
    static let setStatement = """
        INSERT INTO calendar_override (day, kind, reason, document) VALUES ($1, $2, $3, $4)
        ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason, document = EXCLUDED.document, created_at = motcua_now()
        """
}
