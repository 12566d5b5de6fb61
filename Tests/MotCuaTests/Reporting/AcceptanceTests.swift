import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Acceptance and the start of the clock are two moments: a same-day paper dossier handed in
/// at 16:00 is received then (counted in that day's received, carried over and pending), while
/// its clock starts at the next opening; resolved the same afternoon, it never ends before it
/// is received, so no count goes negative.
@Suite(.database) struct AcceptanceTests {
    @Test func aSameDayDossierHandedInAfterThreeAndResolvedThatAfternoonCountsOnItsDay() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query("UPDATE procedure SET time_limit = 0, time_limit_unit = 'working_days', cutoff_applies = true WHERE code = '2.000815'")
        let afternoon = try #require(ISO8601DateFormatter().date(from: "2026-12-08T16:00:00+07:00"))
        try await connection.transaction { try DatabaseClock.simulate(at: afternoon, rate: 0, on: $0) }
        let receipt = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        #expect(receipt.receivedAt == afternoon && receipt.dossierCode.contains("-261208-"), "\(receipt.dossierCode)")
        #expect(receipt.clockStartsAt == ISO8601DateFormatter().date(from: "2026-12-09T07:30:00+07:00"))
        #expect(receipt.dueDate?.description == "2026-12-09")
        let item = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
        #expect(try await StepCompletion.complete(item, actor: "w", on: connection) == .resolved)

        func figures(_ from: String, _ to: String) async throws -> PeriodFigures {
            let period = ReportPeriod(label: from, from: CalendarDate(iso: from)!, to: CalendarDate(iso: to)!)
            let report = try await PeriodReport.read(period: period, department: nil, procedure: nil, on: connection)
            return report.total.figures
        }
        let tuesday = try await figures("2026-12-08", "2026-12-08")
        #expect([tuesday.carriedOver, tuesday.newReceived, tuesday.resolved, tuesday.resolvedEarly, tuesday.pending] == [Int]([0, 1, 1, 1, 0]))
        let wednesday = try await figures("2026-12-09", "2026-12-09")
        #expect([wednesday.carriedOver, wednesday.newReceived, wednesday.resolved, wednesday.pending] == [Int]([0, 0, 0, 0]), "nothing negative")
        let verification = try await ReportVerification.run(period: try ReportPeriod(parsing: "2026-12"), on: connection)
        #expect(verification.agrees, "\(verification.differences)")
        await connection.close()
    }
}
