import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Withdrawal, stop, apology and hand-over on a real database: each one transaction with its
/// event; the wrong officer, a second apology or an early hand-over change nothing.
@Suite(.database) struct DossierClosingTests {
    func setUp(_ connection: Connection) async throws {
        try await connection.query(
            "INSERT INTO department (code, name, agency_eid, kind) VALUES ('TTPVHCC', 'Trung tâm Phục vụ hành chính công', '000.00.01.H19', 'center')")
        try await connection.query(
            "INSERT INTO officer (code, department_code, display_name) VALUES ('ttpv.mc01', 'TTPVHCC', 'Một cửa 01'), ('stc.cb01', 'STC', 'Cán bộ 01')")
    }

    func state(_ code: String, _ connection: Connection) async throws -> String {
        try await connection.query("SELECT state FROM dossier WHERE code = $1", [code]).single().decode("state")
    }

    @Test func aWithdrawalOrAStopTakesTheDossiersStepsOutOfEveryQueue() async throws {
        let connection = try await TestDatabase.connect()
        try await setUp(connection)
        let first = try await IntakeService().submit(try await SampleIntake.make("2.000815", index: 1, on: connection), on: connection).dossierCode
        let second = try await IntakeService().submit(try await SampleIntake.make("2.000815", index: 2, on: connection), on: connection).dossierCode
        await #expect(throws: MotCuaError.mayNotAct(officer: "stc.cb01", dossier: first), "an officer of a department not holding it") {
            try await DossierClosing.withdraw(code: first, officer: "stc.cb01", reference: "Đơn số 12", on: connection)
        }
        try await DossierClosing.withdraw(code: first, officer: "ttpv.mc01", reference: "Đơn số 12", on: connection)
        try await DossierClosing.stop(code: second, officer: "ttpv.mc01", reason: "Hồ sơ giả mạo giấy tờ", on: connection)
        #expect(try await state(first, connection) == "withdrawal_requested")
        #expect(try await state(second, connection) == "stopped")
        let live: Int = try await connection.query("SELECT count(*) AS n FROM work_item WHERE state <> 'completed'").single().decode("n")
        #expect(live == 0)
        let claimed = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 10, worker: "w", leaseSeconds: 60, on: $0) }
        #expect(claimed.isEmpty)
        await #expect(throws: MotCuaError.self, "a stopped dossier cannot be withdrawn") {
            try await DossierClosing.withdraw(code: second, officer: "ttpv.mc01", reference: "x", on: connection)
        }
        await connection.close()
    }

    /// Sets the business clock of the test database at `instant` (Vietnam time), frozen.
    func at(_ instant: String, _ connection: Connection) async throws {
        let moment = try #require(ISO8601DateFormatter().date(from: instant + "+07:00"))
        try await connection.transaction { try DatabaseClock.simulate(at: moment, rate: 0, on: $0) }
    }

    /// Mẫu 04 is issued because a dossier is late and leaves it late: it is signed by a leader of
    /// the holding department, promises a working day after today, after the appointment and
    /// within the procedure's limit counted again from today, once; the law's appointment stays.
    @Test func anApologyIsSignedByTheHoldingLeaderWithinItsBoundsAndLeavesTheDossierLate() async throws {
        let connection = try await TestDatabase.connect()
        try await setUp(connection)
        try await connection.query(
            "INSERT INTO officer (code, department_code, display_name, role) VALUES ('stp.ld01', 'STP', 'Lãnh đạo Tư pháp', 'leader'), ('stp.cb02', 'STP', 'Cán bộ Tư pháp', 'officer')"
        )
        // A same-day procedure received on Tuesday 8/12 at 09:00, due that day; apologised for on Thursday 10/12.
        try await at("2026-12-08T09:00:00", connection)
        let code = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection).dossierCode
        try await at("2026-12-10T10:00:00", connection)
        func apologise(_ officer: String, _ day: String) async throws {
            try await DossierClosing.apologise(code: code, officer: officer, newDate: CalendarDate(iso: day)!, reason: "Chờ xác minh", on: connection)
        }
        for officer in ["ttpv.mc01", "stp.cb02"] {
            let refused = try await #require(throws: MotCuaError.self) { try await apologise(officer, "2026-12-11") }
            #expect(refused.description.contains("is not a leader of a department holding dossier"), "\(officer): \(refused)")
        }
        for day in ["2099-01-05", "2026-12-14", "2026-12-10", "2026-12-12", "2026-12-08"] {
            let refused = try await #require(throws: MotCuaError.self, "\(day)") { try await apologise("stp.ld01", day) }
            #expect(
                refused.description.contains("must be a working day after today (2026-12-10) and after the appointment date 2026-12-08")
                    && refused.description.contains("no later than 2026-12-11"), "\(day): \(refused)")
        }
        try await apologise("stp.ld01", "2026-12-11")
        let dates = try await connection.query("SELECT due_date, promised_date FROM dossier WHERE code = $1", [code]).single()
        #expect(try dates.decode("due_date", as: CalendarDate.self) == CalendarDate(iso: "2026-12-08"), "the law's appointment stays")
        #expect(try dates.decode("promised_date", as: CalendarDate.self) == CalendarDate(iso: "2026-12-11"))
        let second = try await #require(throws: MotCuaError.self) { try await apologise("stp.ld01", "2026-12-11") }
        #expect(second.description.contains("only one is allowed per dossier"))
        let early = try await #require(throws: MotCuaError.self) {
            try await DossierClosing.returnResult(code: code, officer: "ttpv.mc01", delivery: .desk, evaluation: nil, on: connection)
        }
        #expect(early.description.contains("cannot become returned"))
        let item = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
        #expect(try await StepCompletion.complete(item, actor: "w", on: connection) == .resolved)
        let outcome = try await connection.query(
            """
            SELECT r.outcome, d.resolved_late, d.resolved_late_apologised, d.resolved_late_past_promise
            FROM report_dossier r JOIN report_day d ON d.day = DATE '2026-12-10' AND d.procedure_code = r.procedure_code
            """
        ).single()
        #expect(try outcome.decode("outcome", as: String.self) == "late", "resolved two days after its appointment, before the promise")
        #expect(
            try [outcome.decode("resolved_late", as: Int.self), outcome.decode("resolved_late_apologised"), outcome.decode("resolved_late_past_promise")]
                == [1, 1, 0])
        try await DossierClosing.returnResult(code: code, officer: "ttpv.mc01", delivery: .post, evaluation: .satisfied, on: connection)
        #expect(try await state(code, connection) == "returned")
        let details = try await connection.query("SELECT details->>'by' AS by, details->>'evaluation' AS e FROM dossier_event WHERE kind = 'returned'").single()
        #expect(try details.decode("by", as: String?.self) == "post" && details.decode("e", as: String?.self) == "satisfied")
        await connection.close()
    }

    /// The procedure's own limit counted again from today bounds the new date, whatever the unit.
    @Test func theLatestApologyDateIsTheLimitCountedAgainFromToday() throws {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: []))
        let thursday = CalendarDate(year: 2026, month: 12, day: 10)!
        func latest(_ value: Int, _ unit: TimeLimit.Unit) -> String {
            calculator.latestApologyDate(for: TimeLimit(value: value, unit: unit)!, today: thursday).description
        }
        #expect(latest(0, .workingDays) == "2026-12-11", "a same-day procedure: the next working day")
        #expect(latest(3, .workingDays) == "2026-12-15", "Friday, Monday, Tuesday")
        #expect(latest(12, .workingHours) == "2026-12-14", "12 hours are 2 working days")
        #expect(latest(2, .calendarDays) == "2026-12-14", "Saturday 12/12 is no working day: the next one")
    }
}

/// A consultation on a real queue: the dossier waits while the consulted department's officer
/// answers; the answer brings the step back to the asking officer.
@Suite(.database) struct ConsultationTests {
    @Test func aConsultedDepartmentAnswersAndTheAskingOfficerDecides() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
        try await connection.query(
            "INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ Tư pháp'), ('stc.cb01', 'STC', 'Cán bộ Tài chính')")
        let code = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection).dossierCode
        func assign(_ department: String) async throws -> OfficerAssignment.Outcome {
            let item = try await connection.transaction { try WorkQueue.claim(department: department, limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
            return try await OfficerAssignment.assign(item, actor: "w", on: connection)
        }
        #expect(try await assign("STP") == .assigned(officer: "stp.cb01"))
        await #expect(throws: MotCuaError.self, "the officer's own department") {
            try await Consultation.ask(code: code, officer: "stp.cb01", department: "STP", question: "?", on: connection)
        }
        try await Consultation.ask(code: code, officer: "stp.cb01", department: "STC", question: "Doanh nghiệp có nợ thuế không?", on: connection)
        func state() async throws -> String { try await connection.query("SELECT state FROM dossier WHERE code = $1", [code]).single().decode("state") }
        #expect(try await state() == "consulting")
        #expect(try await assign("STC") == .assigned(officer: "stc.cb01"))
        #expect(try await state() == "consulting", "the consultation reaching its officer keeps the dossier consulting")
        await #expect(throws: MotCuaError.self, "nothing to decide while the consultation is open") {
            try await OfficerDecision.decide(code: code, officer: "stp.cb01", action: .approve(note: nil), on: connection)
        }
        await #expect(throws: MotCuaError.self, "only the consulted department answers") {
            try await Consultation.answer(code: code, officer: "stp.cb01", opinion: "x", on: connection)
        }
        try await Consultation.answer(code: code, officer: "stc.cb01", opinion: "Không nợ thuế", on: connection)
        #expect(try await state() == "assigned")
        #expect(try await OfficerDecision.decide(code: code, officer: "stp.cb01", action: .approve(note: nil), on: connection) == .resolved)
        let kinds: [String] = try await connection.query("SELECT kind FROM dossier_event ORDER BY id").map { try $0.decode("kind") }
        #expect(kinds == ["received", "routed", "assigned", "consulted", "assigned", "consultation_answered", "step_completed"])
        await connection.close()
    }
}
