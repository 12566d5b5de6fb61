import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Payment requests and the steps the law excludes from the limit, on a real queue and the
/// stored calendar (31/8/2026 is a swapped day off, 1/9 and 2/9 are National Day): the clock
/// stands still where the procedure says so, and the appointment date moves by exactly the
/// office time it stood still. Office hours are 07:30–11:30 and 13:00–17:00 (8 h a day).
@Suite(.database) struct PaymentAndExcludedStepTests {
    func at(_ instant: String) -> Date { ISO8601DateFormatter().date(from: instant)! }

    /// 2.001610 (3 working days) with a review at STC first; officers of STC and STP; one dossier
    /// received on Monday 24/8/2026 at 09:00 (receipt day not counted: due Thursday 27/8),
    /// its first step assigned to stc.cb01.
    func assignedDossier(fee: String, pausesForPayment: Bool, excluded: Bool, on connection: Connection) async throws -> String {
        try await connection.query(
            "UPDATE procedure SET fee = $1::jsonb, payment_pauses_clock = $2 WHERE code = '2.001610'", [fee, pausesForPayment])
        try await connection.query(
            "UPDATE procedure_step SET kind = 'review', allowance = 1, excluded_from_limit = $1 WHERE procedure_code = '2.001610' AND position = 1",
            [excluded])
        try await connection.query(
            "INSERT INTO department (code, name, agency_eid, kind) VALUES ('TTPVHCC', 'Trung tâm Phục vụ hành chính công', '000.00.01.H19', 'center')")
        try await connection.query(
            """
            INSERT INTO officer (code, department_code, display_name) VALUES
                ('stc.cb01', 'STC', 'Cán bộ 01'), ('stp.cb01', 'STP', 'Cán bộ Tư pháp'), ('ttpv.mc01', 'TTPVHCC', 'Một cửa 01')
            """)
        try await DatabaseClock.simulate(at: at("2026-08-24T09:00:00+07:00"), rate: 0, on: connection)
        let code = try await IntakeService().submit(try await SampleIntake.make("2.001610", on: connection), on: connection).dossierCode
        let item = try await connection.transaction { try WorkQueue.claim(department: "STC", limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
        _ = try await OfficerAssignment.assign(item, actor: "w", on: connection)
        #expect(try await dueDate(code, on: connection) == "2026-08-27")
        return code
    }

    func dueDate(_ code: String, on connection: Connection) async throws -> String? {
        try await connection.query("SELECT due_date FROM dossier WHERE code = $1", [code]).single().decode("due_date", as: CalendarDate?.self)?.description
    }

    /// Asked to pay on Tuesday 25/8 at 09:00 and paid on Thursday 3/9 at 09:00: the clock stood
    /// still for 6.5 h + 4 × 8 h… minus nothing on the days off — 6.5 h (25/8) + 24 h (26–28/8)
    /// + 1.5 h (3/9) = 32 h, four working days: due Thursday 27/8 becomes Monday 7/9.
    @Test func aPaymentThatPausesTheClockMovesTheDueDateAcrossNationalDay() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await assignedDossier(fee: #"{"kind": "fixed", "amount": 50000}"#, pausesForPayment: true, excluded: false, on: connection)
        try await DatabaseClock.simulate(at: at("2026-08-25T09:00:00+07:00"), rate: 0, on: connection)
        let request = try await PaymentDesk.request(code: code, officer: "stc.cb01", amount: 50000, item: "Lệ phí đăng ký doanh nghiệp", on: connection)
        #expect(request.pausesClock)
        await #expect(throws: MotCuaError.self, "nothing to approve while the payment is awaited") {
            try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: nil), on: connection)
        }
        let stranger = try await #require(throws: MotCuaError.self) {
            try await PaymentDesk.receive(code: code, officer: "stp.cb01", channel: .online, reference: "GD-1", on: connection)
        }
        #expect(stranger.description.contains("stp.cb01"))
        try await DatabaseClock.simulate(at: at("2026-09-03T09:00:00+07:00"), rate: 0, on: connection)
        let due = try await PaymentDesk.receive(code: code, officer: "stc.cb01", channel: .online, reference: "GD-0001", on: connection)
        #expect(due?.description == "2026-09-07")
        #expect(try await dueDate(code, on: connection) == "2026-09-07")
        let events = try await connection.query(
            "SELECT kind, to_state, details->>'channel' AS channel FROM dossier_event WHERE kind LIKE 'payment%' ORDER BY id")
        #expect(try events.map { try $0.decode("kind", as: String.self) } == ["payment_requested", "payment_received"])
        #expect(try events[1].decode("channel", as: String?.self) == "online" && events[1].decode("to_state", as: String.self) == "assigned")
        let view = try #require(try await DossierRecord.read(code: code, actor: "ttpv.mc01", purpose: "kiểm tra", on: connection))
        #expect(view.timeline.pauses.map(\.reason) == [.payment])
        #expect(try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: nil), on: connection) == .routed(to: "THUE"))
        await connection.close()
    }

    /// Without the procedure's rule the clock keeps running; a procedure without a fee has
    /// nothing to pay outside a tax office, and nothing is written.
    @Test func aPaymentPausesOnlyWhereTheProcedureSaysAndOnlyWhereSomethingIsPayable() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await assignedDossier(fee: #"{"kind": "fixed", "amount": 50000}"#, pausesForPayment: false, excluded: false, on: connection)
        try await DatabaseClock.simulate(at: at("2026-08-25T09:00:00+07:00"), rate: 0, on: connection)
        #expect(try await PaymentDesk.request(code: code, officer: "stc.cb01", amount: 50000, item: "Lệ phí", on: connection).pausesClock == false)
        try await DatabaseClock.simulate(at: at("2026-09-03T09:00:00+07:00"), rate: 0, on: connection)
        #expect(try await PaymentDesk.receive(code: code, officer: "stc.cb01", channel: .desk, reference: "BL-7", on: connection)?.description == "2026-08-27")
        try await connection.query("UPDATE procedure SET fee = '{\"kind\": \"none\"}'::jsonb WHERE code = '2.001610'")
        let events: Int = try await connection.query("SELECT count(*) AS n FROM dossier_event").single().decode("n")
        let notWaiting = try await #require(throws: MotCuaError.self) {
            try await PaymentDesk.receive(code: code, officer: "stc.cb01", channel: .desk, reference: "BL-8", on: connection)
        }
        #expect(notWaiting.description.contains("is assigned, not waiting for a payment; nothing was changed"))
        let nothing = try await #require(throws: MotCuaError.self) {
            try await PaymentDesk.request(code: code, officer: "stc.cb01", amount: 10000, item: "Lệ phí", on: connection)
        }
        #expect(nothing.description.contains("has no fee and STC is not a tax office"))
        #expect(try await connection.query("SELECT count(*) AS n FROM dossier_event").single().decode("n", as: Int.self) == events)
        await connection.close()
    }

    /// A step excluded from the limit (arrived with the receipt on Monday 24/8 at 09:00, approved
    /// on Thursday 3/9 at 09:00) stood the clock still from its start (Tuesday 25/8 07:30) to the
    /// approval: 32 h + 1.5 h; the 3 days then run 3/9 09:00–17:00, 4/9, 7/9 and 1.5 h of Tuesday
    /// 8/9: due 8/9. Its allowance is not held against it; a counted step over its allowance is.
    @Test func anExcludedStepDoesNotCountAgainstTheLimitAndEachStepShowsItsUseOfItsAllowance() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await assignedDossier(fee: #"{"kind": "none"}"#, pausesForPayment: false, excluded: true, on: connection)
        try await DatabaseClock.simulate(at: at("2026-09-03T09:00:00+07:00"), rate: 0, on: connection)
        #expect(try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: nil), on: connection) == .routed(to: "THUE"))
        #expect(try await dueDate(code, on: connection) == "2026-09-08")
        var view = try #require(try await DossierRecord.read(code: code, actor: "ttpv.mc01", purpose: "kiểm tra", on: connection))
        #expect(view.timeline.pauses.map(\.reason) == [.excludedStep])
        let first = try #require(view.timeline.steps.first)
        #expect(first.department == "STC" && first.workingDaysUsed == 5 && first.excludedFromLimit && !first.overAllowance)
        #expect(view.timeline.steps.map(\.position) == [1, 2] && view.timeline.steps[1].completedAt == nil)
        // The same dossier had the step been counted: 5 working days against an allowance of 1.
        try await connection.query("UPDATE procedure_step SET excluded_from_limit = false WHERE procedure_code = '2.001610' AND position = 1")
        view = try #require(try await DossierRecord.read(code: code, actor: "ttpv.mc01", purpose: "kiểm tra", on: connection))
        #expect(view.timeline.steps[0].overAllowance)
        await connection.close()
    }

    /// A land-like dossier: the excluded review (24/8 09:00 – 3/9 09:00) holds a payment that
    /// pauses the clock (25/8 – 27/8) and the apology slip STC's leader signs on 26/8, promising
    /// 28/8. The law's appointment keeps every pause deducted, the two overlapping ones once:
    /// 8/9, as without the payment. The promise runs the 22.5 office hours left at the slip after
    /// the excluded step: 7/9. Resolved on Thursday 10/9, the dossier is late (by the law's date),
    /// apologised, and past its promise too; its processing time is 10 working days (25–28/8,
    /// 3–4/9, 7–10/9) less the 5 of the merged pause (25–28/8, 3/9): 5, not 3.
    @Test func overlappingPausesCountOnceAndAnApologyDuringAnExcludedStepLeavesTheLawsDate() async throws {
        let connection = try await TestDatabase.connect()
        let code = try await assignedDossier(fee: #"{"kind": "fixed", "amount": 50000}"#, pausesForPayment: true, excluded: true, on: connection)
        try await connection.query("INSERT INTO officer (code, department_code, display_name, role) VALUES ('stc.ld01', 'STC', 'Lãnh đạo 01', 'leader')")
        try await DatabaseClock.simulate(at: at("2026-08-25T09:00:00+07:00"), rate: 0, on: connection)
        _ = try await PaymentDesk.request(code: code, officer: "stc.cb01", amount: 50000, item: "Lệ phí", on: connection)
        try await DatabaseClock.simulate(at: at("2026-08-26T09:00:00+07:00"), rate: 0, on: connection)
        try await DossierClosing.apologise(
            code: code, officer: "stc.ld01", newDate: CalendarDate(year: 2026, month: 8, day: 28)!, reason: "Chờ xác minh", on: connection)
        try await DatabaseClock.simulate(at: at("2026-08-27T09:00:00+07:00"), rate: 0, on: connection)
        _ = try await PaymentDesk.receive(code: code, officer: "stc.cb01", channel: .desk, reference: "BL-1", on: connection)
        try await DatabaseClock.simulate(at: at("2026-09-03T09:00:00+07:00"), rate: 0, on: connection)
        #expect(try await OfficerDecision.decide(code: code, officer: "stc.cb01", action: .approve(note: nil), on: connection) == .routed(to: "THUE"))
        let dates = try await connection.query("SELECT due_date, promised_date FROM dossier WHERE code = $1", [code]).single()
        #expect(try dates.decode("due_date", as: CalendarDate.self).description == "2026-09-08", "every pause deducted, the overlap once")
        #expect(try dates.decode("promised_date", as: CalendarDate.self).description == "2026-09-07")
        try await DatabaseClock.simulate(at: at("2026-09-10T10:00:00+07:00"), rate: 0, on: connection)
        for department in ["THUE", "BHXH"] {
            let item = try await connection.transaction { try WorkQueue.claim(department: department, limit: 1, worker: "w", leaseSeconds: 60, on: $0) }[0]
            _ = try await StepCompletion.complete(item, actor: "w", on: connection)
        }
        let day = try await connection.query(
            """
            SELECT resolved_late, resolved_late_apologised, resolved_late_past_promise, processing_days FROM report_day
            WHERE day = DATE '2026-09-10' AND procedure_code = '2.001610'
            """
        ).single()
        #expect(
            try ["resolved_late", "resolved_late_apologised", "resolved_late_past_promise", "processing_days"].map { try day.decode($0, as: Int.self) }
                == [1, 1, 1, 5])
        let verification = try await ReportVerification.run(period: try ReportPeriod(parsing: "2026-09"), on: connection)
        #expect(verification.agrees, "\(verification.differences)")
        await connection.close()
    }
}
