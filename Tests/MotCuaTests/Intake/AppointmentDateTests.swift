import CivilTime
import Foundation
import Postgres
import TestSupport
import Testing

@testable import MotCua

/// The appointment date on the receipt, computed on the stored working calendar.
@Suite(.database) struct AppointmentDateTests {
    /// `2.001610` made effective from 2025 with `limit` working days (and the cut-off if asked).
    func procedure(limit: Int, cutoff: Bool = false) async throws -> Connection {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            "UPDATE procedure SET effective_from = DATE '2025-01-01', time_limit = $1, cutoff_applies = $2 WHERE code = '2.001610'",
            [limit, cutoff])
        return connection
    }

    func vietnam(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text + "+07:00"))
    }

    @Test func workedExampleWithAMakeUpSaturday() async throws {
        let connection = try await procedure(limit: 3)
        let intake = try await SampleIntake.make("2.001610", submittedAt: try vietnam("2025-04-25T10:00:00"), on: connection)
        let result = try await IntakeService().submit(intake, on: connection)
        #expect(result.dueDate == CalendarDate(year: 2025, month: 4, day: 29))
        let stored: CalendarDate = try await connection.query("SELECT due_date FROM dossier").single().decode("due_date")
        #expect(stored == result.dueDate)
        #expect(IntakeSlip.render(result).contains("Ngày hẹn trả kết quả: 29/04/2025"))
        await connection.close()
    }

    @Test func workedExampleOverTet() async throws {
        let connection = try await procedure(limit: 5)
        let result = try await IntakeService().submit(
            try await SampleIntake.make("2.001610", submittedAt: try vietnam("2026-02-13T09:00:00"), on: connection), on: connection)
        #expect(result.dueDate == CalendarDate(year: 2026, month: 2, day: 27))
        await connection.close()
    }

    @Test func afterThreePMAPaperDossierCountsFromTheNextWorkingDay() async throws {
        let connection = try await procedure(limit: 0, cutoff: true)
        let before = try await IntakeService().submit(
            try await SampleIntake.make("2.001610", submittedAt: try vietnam("2025-09-25T14:59:00"), index: 1, on: connection), on: connection)
        let after = try await IntakeService().submit(
            try await SampleIntake.make("2.001610", submittedAt: try vietnam("2025-09-25T15:01:00"), index: 2, on: connection), on: connection)
        #expect(before.dueDate == CalendarDate(year: 2025, month: 9, day: 25))
        #expect(after.dueDate == CalendarDate(year: 2025, month: 9, day: 26))
        #expect(after.receivedAt == (try vietnam("2025-09-25T15:01:00")), "accepted, and so received, when handed in")
        #expect(after.clockStartsAt == (try vietnam("2025-09-26T07:30:00")), "its clock starts at the next opening")
        #expect(after.dossierCode.contains("-250925-"), "the code carries the day of acceptance: \(after.dossierCode)")
        #expect(after.submittedAt == (try vietnam("2025-09-25T15:01:00")), "every time is kept")
        await connection.close()
    }

    @Test func theStoredDecisionsAreTheKnownSwaps() async throws {
        let connection = try await TestDatabase.connect()
        let stored = try await CalendarStore.overrides(on: connection)
        #expect(Set(stored) == Set(CalendarOverride.knownDecisions))
        let decision = CalendarOverride(date: CalendarDate(year: 2027, month: 4, day: 30)!, kind: .dayOff, reason: "test", document: "TB 1/2027")
        _ = try await CalendarStore.set(decision, actor: "test", on: connection)
        _ = try await CalendarStore.set(
            CalendarOverride(date: decision.date, kind: .dayOff, reason: "corrected", document: "TB 2/2027"), actor: "test", on: connection)
        let after = try await CalendarStore.overrides(on: connection)
        #expect(after.count == stored.count + 1)
        #expect(after.contains { $0.document == "TB 2/2027" })
        await connection.close()
    }
}
