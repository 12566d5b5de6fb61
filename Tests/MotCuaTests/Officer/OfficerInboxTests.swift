import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// An officer's inbox on a real queue: only their assigned steps, overdue first, then due soonest.
@Suite(.database) struct OfficerInboxTests {
    @Test func theInboxListsTheOfficersStepsOverdueFirstWithTheWorkingDaysLeft() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        try await connection.query("INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ 01')")
        var codes: [String] = []
        for index in 0..<3 {
            codes.append(try await IntakeService().submit(try await SampleIntake.make("2.000815", index: index, on: connection), on: connection).dossierCode)
            let item = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
            #expect(try await OfficerAssignment.assign(item, actor: "w", on: connection) == .assigned(officer: "stp.cb01"))
        }
        // The last one is overdue by a day; the first is due in five working days.
        try await connection.query(
            "UPDATE dossier SET due_at = motcua_now() - interval '1 day', due_date = (motcua_now() - interval '1 day')::date WHERE code = $1", [codes[2]])
        try await connection.query(
            "UPDATE dossier SET due_at = motcua_now() + interval '10 days', due_date = (motcua_now() + interval '10 days')::date WHERE code = $1", [codes[0]])
        let inbox = try await OfficerInbox.list(officer: "stp.cb01", on: connection)
        #expect(inbox.map(\.dossierCode) == [codes[2], codes[1], codes[0]])
        #expect(inbox[0].overdue && inbox[0].workingDaysLeft.map { $0 <= 0 } == true)
        #expect(inbox[2].workingDaysLeft.map { $0 > 0 } == true)
        #expect(inbox.allSatisfy { $0.kind == .review && $0.step == 1 })
        let error = await #expect(throws: MotCuaError.self) { try await OfficerInbox.list(officer: "nobody", on: connection) }
        #expect(error == .unknownOfficer(code: "nobody"))
        #expect(try await OfficerInbox.list(officer: "stp.cb01", on: connection).count == 3)
        await connection.close()
    }
}

/// Working days between two dates (pure).
struct WorkingDaysBetweenTests {
    let calendar = WorkingCalendar(overrides: [])

    @Test func workingDaysCountForwardAndBackAcrossWeekendsAndHolidays() throws {
        let friday = try #require(CalendarDate(iso: "2026-03-13"))
        let tuesday = try #require(CalendarDate(iso: "2026-03-17"))
        #expect(calendar.workingDays(from: friday, to: tuesday) == 2, "Monday and Tuesday")
        #expect(calendar.workingDays(from: tuesday, to: friday) == -2)
        #expect(calendar.workingDays(from: friday, to: friday) == 0)
        // Hùng Kings' day (Sunday 26/4/2026) is taken on Monday 27/4.
        #expect(calendar.workingDays(from: try #require(CalendarDate(iso: "2026-04-24")), to: try #require(CalendarDate(iso: "2026-04-28"))) == 1)
        // 30/4 and 1/5 are holidays, then a weekend: Wednesday 29/4 to Monday 4/5 is one working day.
        #expect(calendar.workingDays(from: try #require(CalendarDate(iso: "2026-04-29")), to: try #require(CalendarDate(iso: "2026-05-04"))) == 1)
    }
}
