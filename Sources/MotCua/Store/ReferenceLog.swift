import Postgres

/// The append-only log of changes to reference data (`reference_event`), and its one writer:
/// catalog versions retracted or taking effect in the past, calendar decisions recorded or
/// removed, each with who, when (business time) and why, written in the transaction of the change.
enum ReferenceLog {
    /// What changed.
    enum Kind: String, Sendable {
        case procedureVersionRetracted = "procedure_version_retracted"
        case procedureVersionBackdated = "procedure_version_backdated"
        case calendarDecisionRecorded = "calendar_decision_recorded"
        case calendarDecisionRemoved = "calendar_decision_removed"
    }

    /// Appends one change of `subject` ("procedure 2.001610 version 3", "calendar 2026-09-01").
    static func append(_ kind: Kind, subject: String, actor: String, reason: String, details: [String: String] = [:], on connection: isolated Connection)
        throws
    {
        try connection.query(appendStatement, [kind.rawValue, subject, actor, reason, EventLog.json(details)])
    }

    /// `$1` kind, `$2` subject, `$3` actor, `$4` reason, `$5` details (JSON text).
    static let appendStatement = "INSERT INTO reference_event (kind, subject, actor, reason, details) VALUES ($1, $2, $3, $4, $5::jsonb)"
}
