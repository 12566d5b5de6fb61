import Postgres

/// How far the event log has got: the newest event's ID. A screen that redraws on change
/// (`--watch`) reads it every second instead of LISTENing: the projection writes every event's
/// rollups in the event's transaction and rings no doorbell there (a NOTIFY inside a transaction
/// holds the server's notification lock through the commit's flush, so every writer would commit
/// one after another), and a standby, which runs no LISTEN, has the same watermark.
public enum ReportWatermark {
    /// The newest event's ID (0 before any), in the caller's snapshot.
    public static func read(on connection: Connection) async throws -> Int64 {
        try await connection.query(newestStatement).single().decode("id")
    }

    /// The newest event: one backward step of the primary key's index.
    static let newestStatement = "SELECT coalesce(max(id), 0) AS id FROM dossier_event"
}
