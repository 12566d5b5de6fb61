import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Officers' decisions on a real queue: each one transaction with its event; the route decides
/// what comes next; the wrong officer or the wrong decision changes nothing.
@Suite(.database) struct OfficerDecisionTests {
    /// Makes 2.001610 a review at STC, then a signature at STC, then the automatic THUE and BHXH
    /// steps; gives STC an officer and a leader; receives one dossier and assigns its first step.
    func reviewedDossier(on connection: Connection) async throws -> String {
        try await connection.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.001610' AND position = 1")
        try await connection.query(
            "INSERT INTO procedure_step (procedure_code, procedure_version, position, department_code, kind) VALUES ('2.001610', 1, 4, 'STC', 'signature')")
        try await connection.query(
            """
            INSERT INTO officer (code, department_code, display_name, role) VALUES
                ('stc.cb01', 'STC', 'Cán bộ 01', 'officer'), ('stc.ld01', 'STC', 'Lãnh đạo 01', 'leader'), ('stp.cb01', 'STP', 'Cán bộ Tư pháp', 'officer')
            """)
        let code = try await IntakeService().submit(try await SampleIntake.make("2.001610", on: connection), on: connection).dossierCode
        try await assignNext("STC", on: connection)
        return code
    }

    func assignNext(_ department: String, on connection: Connection) async throws {
        let item = try await connection.transaction { try WorkQueue.claim(department: department, limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
        _ = try await OfficerAssignment.assign(item, actor: "w", on: connection)
    }

    func counts(_ connection: Connection) async throws -> [Int] {
        var counts: [Int] = []
        for sql in ["SELECT count(*) FROM dossier_event", "SELECT count(*) FROM work_item WHERE state = 'assigned'", "SELECT count(*) FROM work_item"] {
            counts.append(try await connection.query(sql).single().decode(at: 0))
        }
        return counts
    }

    @Test func approvingARouteStepSendsTheDossierOnAndSigningTheLastResolvesIt() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await reviewedDossier(on: connection)
        #expect(
            try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: "Đủ điều kiện"), on: connection) == .routed(to: "THUE"))
        let event = try await connection.query(
            "SELECT kind, actor, to_state, details->>'decision' AS decision, details->>'to_department' AS next FROM dossier_event ORDER BY id DESC LIMIT 1"
        ).single()
        #expect(try event.decode("kind", as: String.self) == "step_completed" && event.decode("actor", as: String.self) == "stc.cb01")
        #expect(try event.decode("decision", as: String?.self) == "approved" && event.decode("next", as: String?.self) == "THUE")
        // THUE and BHXH are automatic; then the signature waits for a leader of STC.
        for department in ["THUE", "BHXH"] {
            let item = try await connection.transaction { try WorkQueue.claim(department: department, limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
            _ = try await StepCompletion.complete(item, actor: "w", on: connection)
        }
        try await assignNext("STC", on: connection)
        let before = try await counts(connection)
        let notLeader = try await #require(throws: MotCuaError.self) {
            try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .sign(note: nil), on: connection)
        }
        #expect(notLeader.description.contains("is not a leader of STC"))
        let wrong = try await #require(throws: MotCuaError.self) {
            try await OfficerDecision.decide(code: code, officer: "stc.ld01", action: .approve(note: nil), on: connection)
        }
        #expect(wrong.description.contains("is a signature step; use `motcua decide sign`"))
        #expect(try await counts(connection) == before, "refused decisions write nothing")
        #expect(try await OfficerDecision.decide(code: code, officer: "stc.ld01", action: .sign(note: nil), on: connection) == .resolved)
        let state: String = try await connection.query("SELECT state FROM dossier WHERE code = $1", [code]).single().decode("state")
        #expect(state == "resolved")
        let again = try await #require(throws: MotCuaError.self) {
            try await OfficerDecision.decide(code: code, officer: "stc.ld01", action: .sign(note: nil), on: connection)
        }
        #expect(again.description.contains("is resolved; no step of it waits for an officer's decision"))
        await connection.close()
    }

    @Test func anOfficerOfAnotherDepartmentIsRefusedAndARefusalEndsTheDossier() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await reviewedDossier(on: connection)
        let before = try await counts(connection)
        let stranger = try await #require(throws: MotCuaError.self) {
            try await OfficerDecision.decide(code: code, officer: "stp.cb01", action: .approve(note: nil), on: connection)
        }
        #expect(stranger == .notOfficerOfDepartment(officer: "stp.cb01", department: "STC", dossier: code))
        await #expect(throws: MotCuaError.unknownOfficer(code: "nobody")) {
            try await OfficerDecision.decide(code: code, officer: "nobody", action: .approve(note: nil), on: connection)
        }
        #expect(try await counts(connection) == before)
        #expect(
            try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .refuse(reason: "Ngành nghề không được kinh doanh"), on: connection)
                == .refused)
        let row = try await connection.query("SELECT state, outcome_reason FROM dossier WHERE code = $1", [code]).single()
        #expect(try row.decode("state", as: String.self) == "stopped")
        #expect(try row.decode("outcome_reason", as: String?.self) == "Ngành nghề không được kinh doanh")
        #expect(try await counts(connection)[1] == 0, "the step left the inbox")
        await connection.close()
    }

    /// Received Tuesday 28/4/2026 09:00 with 3 working days: due Tuesday 5/5 (30/4 and 1/5 are
    /// holidays). A supplement asked at 10:00 the same day and handed in on Monday 4/5 at 10:00
    /// paused the clock for Wednesday 29/4 (8 h; the receipt day is not counted) and Monday
    /// 07:30–10:00 (2.5 h): 10.5 office hours, so the limit is reached on Thursday 7/5 at 10:00
    /// and the dossier is due that day. A second request is recorded and flagged as late.
    @Test func aSupplementPausesTheClockAndItsReceiptMovesTheDueDateAcrossTheHolidays() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            "INSERT INTO department (code, name, agency_eid, kind) VALUES ('TTPVHCC', 'Trung tâm Phục vụ hành chính công', '000.00.01.H19', 'center')")
        try await connection.query("INSERT INTO officer (code, department_code, display_name) VALUES ('ttpv.mc01', 'TTPVHCC', 'Một cửa 01')")
        try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 1_777_341_600), rate: 0, on: connection)
        let code = try await reviewedDossier(on: connection)
        let due: CalendarDate? = try await connection.query("SELECT due_date FROM dossier WHERE code = $1", [code]).single().decode("due_date")
        #expect(due?.description == "2026-05-05")
        try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 1_777_345_200), rate: 0, on: connection)
        let first = try await OfficerDecision.decide(
            code: code, officer: "stc.cb01",
            action: .requestSupplement(items: ["Bản sao CCCD của chủ doanh nghiệp, có chứng thực"], reason: "Bản đã nộp bị mờ"),
            on: connection)
        #expect(first == .awaitingSupplement(request: 1))
        await #expect(throws: MotCuaError.self, "nothing to approve while the applicant is asked for a supplement") {
            try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: nil), on: connection)
        }
        try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 1_777_863_600), rate: 0, on: connection)
        let moved = try await SupplementDesk.receive(code: code, officer: "ttpv.mc01", on: connection)
        #expect(moved.description == "2026-05-07")
        let row = try await connection.query("SELECT state, due_date FROM dossier WHERE code = $1", [code]).single()
        #expect(try row.decode("state", as: String.self) == "assigned")
        #expect(try row.decode("due_date", as: CalendarDate?.self)?.description == "2026-05-07")
        // The officers' view shows who holds it, the pause that moved the date, and each hand-over.
        let view = try #require(try await DossierRecord.read(code: code, actor: "ttpv.mc01", purpose: "kiểm tra tiến độ", on: connection))
        #expect(view.timeline.holder == "STC — stc.cb01")
        #expect(view.timeline.pauses.map(\.from) == [Date(timeIntervalSince1970: 1_777_345_200)])
        #expect(view.timeline.pauses.map(\.until) == [Date(timeIntervalSince1970: 1_777_863_600)])
        #expect(view.timeline.dueDate?.description == "2026-05-07" && view.timeline.timeLimit == "3 working days")
        #expect(view.timeline.handOvers.map(\.kind) == [.received, .routed, .assigned, .supplementRequested, .supplementReceived, .assigned])
        #expect(view.timeline.handOvers[3].by == "stc.cb01" && view.timeline.handOvers[3].note == "Bản đã nộp bị mờ")
        let second = try await OfficerDecision.decide(
            code: code, officer: "stc.cb01", action: .requestSupplement(items: ["Văn bản ủy quyền"], reason: "Người nộp không phải chủ doanh nghiệp"),
            on: connection)
        #expect(second == .awaitingSupplement(request: 2))
        let flagged: String? = try await connection.query(
            "SELECT details->>'late' AS late FROM dossier_event WHERE kind = 'supplement_requested' ORDER BY id DESC LIMIT 1"
        ).single().decode("late")
        #expect(flagged?.contains("late by the national rule") == true)
        await connection.close()
    }
}
