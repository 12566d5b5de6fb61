import Foundation
import Postgres

/// The append-only log of a dossier's state changes, and its one writer: every row of
/// `dossier_event` is written here, by ``append(_:on:)`` inside the transaction that makes the
/// change, or by a set-based statement that embeds ``insert(rows:)`` in the same statement as
/// the change (intake, step completion, retries, rescues). The log and the state can never
/// disagree, and the log is complete: reports and the audit read it.
package enum EventLog {
    /// One event to write.
    struct Event: Sendable {
        let dossierID: Int64
        let kind: DossierEventKind
        let from: DossierState?
        let to: DossierState
        let department: String?
        let actor: String
        /// Structured facts of the event (`officer`, `reason`, `to_department`, …); never
        /// personal data.
        var details: [String: String] = [:]
    }

    /// The columns every event row has, in the order ``insert(rows:)`` expects them.
    static let columns = "dossier_id, kind, from_state, to_state, department_code, actor, details"

    /// The INSERT of event rows produced by `rows`, a query whose columns are ``columns`` in
    /// that order; for statements that write their events set-wise with the change itself.
    /// The event time is the business clock's (`motcua_now()`, the column default).
    static func insert(rows: String) -> String {
        "INSERT INTO dossier_event (\(columns))\n" + rows
    }

    /// Appends `events` in order, in one statement.
    static func append(_ events: [Event], on connection: isolated Connection) throws {
        guard !events.isEmpty else { return }
        try connection.query(
            appendStatement,
            [
                events.map(\.dossierID), events.map(\.kind.rawValue), events.map { $0.from?.rawValue }, events.map(\.to.rawValue),
                events.map(\.department), events.map(\.actor), events.map { json($0.details) },
            ])
    }

    /// Details as a JSON object with sorted keys.
    package static func json(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(details)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// An instant as event details write it (ISO 8601 in UTC, milliseconds), which PostgreSQL
    /// reads back as a `timestamptz`.
    package static func instant(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// `$1`…`$7`: the columns as arrays, one element per event.
    static let appendStatement = insert(
        rows: """
            SELECT e.dossier_id, e.kind, e.from_state, e.to_state, e.department_code, e.actor, e.details::jsonb
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
                 AS e(dossier_id, kind, from_state, to_state, department_code, actor, details, n)
            ORDER BY e.n
            """)
}
