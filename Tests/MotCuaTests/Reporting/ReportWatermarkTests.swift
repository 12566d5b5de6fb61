import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The projection writes every event's rollups in the event's own transaction and rings no
/// doorbell there (a NOTIFY would hold the notification lock through the commit's flush);
/// `--watch` sees the change through the event log's watermark.
@Suite(.database) struct ReportWatermarkTests {
    @Test func anEventMovesTheWatermarkAndNotifiesNobodyInsideItsTransaction() async throws {
        let connection = try await TestDatabase.connect()
        let listener = try await TestDatabase.connect()
        try await listener.listen("motcua_report")
        let before = try await ReportWatermark.read(on: connection)
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        #expect(try await ReportWatermark.read(on: connection) > before, "the received and routed events moved it")
        let heard = try await listener.notifications(timeout: .milliseconds(300))
        #expect(heard.isEmpty, "the projection's trigger notified \(heard.count) times")
        let projected: Int = try await connection.query("SELECT count(*) AS n FROM report_dossier").single().decode("n")
        #expect(projected == 1, "projected in the same transaction")
        await listener.close()
        await connection.close()
    }
}
