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

    @Test func anApologyIsIssuedOnceAndTheResultIsHandedOverOnlyWhenResolved() async throws {
        let connection = try await TestDatabase.connect()
        try await setUp(connection)
        let code = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection).dossierCode
        let due: CalendarDate = try await connection.query("SELECT due_date FROM dossier WHERE code = $1", [code]).single().decode("due_date")
        let calendar = try await CalendarStore.calendar(on: connection)
        let newDate = calendar.addingWorkingDays(3, to: due)
        await #expect(throws: MotCuaError.self, "the new date must be later") {
            try await DossierClosing.apologise(code: code, officer: "ttpv.mc01", newDate: due, reason: "Chậm", on: connection)
        }
        try await DossierClosing.apologise(code: code, officer: "ttpv.mc01", newDate: newDate, reason: "Chờ xác minh", on: connection)
        let moved: CalendarDate = try await connection.query("SELECT due_date FROM dossier WHERE code = $1", [code]).single().decode("due_date")
        #expect(moved == newDate)
        let second = try await #require(throws: MotCuaError.self) {
            try await DossierClosing.apologise(
                code: code, officer: "ttpv.mc01", newDate: calendar.addingWorkingDays(5, to: due), reason: "Lần nữa", on: connection)
        }
        #expect(second.description.contains("only one is allowed per dossier"))
        let early = try await #require(throws: MotCuaError.self) {
            try await DossierClosing.returnResult(code: code, officer: "ttpv.mc01", delivery: .desk, evaluation: nil, on: connection)
        }
        #expect(early.description.contains("cannot become returned"))
        let item = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
        #expect(try await StepCompletion.complete(item, actor: "w", on: connection) == .resolved)
        try await DossierClosing.returnResult(code: code, officer: "ttpv.mc01", delivery: .post, evaluation: .satisfied, on: connection)
        #expect(try await state(code, connection) == "returned")
        let details = try await connection.query("SELECT details->>'by' AS by, details->>'evaluation' AS e FROM dossier_event WHERE kind = 'returned'").single()
        #expect(try details.decode("by", as: String?.self) == "post" && details.decode("e", as: String?.self) == "satisfied")
        await connection.close()
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
