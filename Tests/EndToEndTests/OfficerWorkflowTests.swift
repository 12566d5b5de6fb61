import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The officers' workflow as separate processes on the shipped catalog, with one worker per
/// department running: every decision is a `motcua decide` command, every slip a `motcua slip`.
@Suite(.database)
struct OfficerWorkflowTests: OfficerDeskTest {
    let database = TestDatabase.database.conninfo

    func rowCounts() async throws -> [Int] {
        try await withTestConnection { db in
            var counts: [Int] = []
            for table in ["dossier_event", "work_item", "dossier", "reference_event"] {
                counts.append(try await db.count("SELECT count(*) AS n FROM \(table)"))
            }
            return counts
        }
    }

    @Test func aLienThongDossierCrossesThreeDepartmentsAndIsReturnedAtTheDesk() async throws {
        try await loadCatalog()
        let receipt = try await MotcuaCLI.submit(procedure: "DN.LT.002", database: database)
        let code = receipt.dossierCode
        let (_, exits) = try await MotcuaCLI.withWorkers([("STP", []), ("CAT", []), ("BHXH", [])], database: database) { _ in
            for department in ["STP", "CAT", "BHXH"] {
                let officer = try await holder(of: code, in: department)
                let approved = try await decide(["approve", code, "--officer", officer, "--note", "Đủ điều kiện (\(department))"])
                #expect(approved.stdout.contains(department == "BHXH" ? "resolved" : "sent on to"), "\(approved)")
            }
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
        #expect(try await state(code) == "resolved")
        let stranger = try await MotcuaCLI.run(["decide", "return-result", code, "--officer", "snv.cb01"], database: database)
        #expect(stranger.status != 0, "only the desk or a holding department hands over: \(stranger)")
        _ = try await decide(["return-result", code, "--officer", "ttpv.mc01", "--evaluation", "satisfied"])
        #expect(try await state(code) == "returned")
        let control = try await MotcuaCLI.run(["slip", code, "--kind", "control"], database: database)
        #expect(control.status == 0 && control.stdout.contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (Mẫu 05)"), "\(control)")
        for department in ["STP", "CAT", "BHXH"] { #expect(control.stdout.contains("Đủ điều kiện (\(department))"), "\(control.stdout)") }
        // Mẫu 05's columns: hand-over from, to, when, result against the step's allowance, note;
        // no machine's name on a slip handed to people.
        #expect(control.stdout.contains("Thời gian | Giao | Nhận | Việc | Kết quả | Ghi chú"), "\(control.stdout)")
        #expect(!control.stdout.contains("@"), "a worker's host and process appear: \(control.stdout)")
        let json = try await MotcuaCLI.run(["slip", code, "--kind", "control", "--format", "json"], database: database)
        let entries = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]], "\(json)")
        #expect(entries.allSatisfy { $0["kind"] is String }, "\(entries)")
        let steps = entries.filter { $0["kind"] as? String == "step_completed" }
        #expect(steps.map { $0["department"] as? String } == ["STP", "CAT", "BHXH"], "\(steps)")
        #expect(steps.allSatisfy { ["early", "on_time", "late"].contains($0["result"] as? String ?? "") }, "each step judged against its allowance: \(steps)")
        #expect(steps.last?["to"] as? String == "Bộ phận tiếp nhận và trả kết quả", "\(steps)")
        #expect(entries.last?["kind"] as? String == "returned" && entries.last?["result"] is String, "\(entries)")
        let receiptSlip = try await MotcuaCLI.run(["slip", code, "--kind", "receipt", "--format", "json"], database: database)
        #expect(receiptSlip.status == 0 && receiptSlip.stdout.contains("\"form\" : \"Mẫu 01\""), "\(receiptSlip)")
    }

    /// On the simulated clock (frozen): received Tuesday 28/4/2026 09:00 (3 working days, due
    /// Tuesday 5/5 after 30/4–1/5); the supplement asked for on Wednesday 29/4 10:00 and handed in
    /// on Monday 4/5 10:00 paused 6.5 h of Wednesday and 2.5 h of Monday, so the due date moves to
    /// Wednesday 6/5. A second request is flagged; a refusal ends it with its slip.
    @Test func supplementsPauseAcrossTheHolidayASecondIsFlaggedAndARefusalHasItsSlip() async throws {
        try await loadCatalog()
        _ = try await MotcuaCLI.run(["clock", "set", "2026-04-28T09:00:00+07:00", "--rate", "0"], database: database)
        let code = try await MotcuaCLI.submit(procedure: "2.001610", database: database).dossierCode
        let (_, exits) = try await MotcuaCLI.withWorkers([("STC", [])], database: database) { _ in
            let officer = try await holder(of: code, in: "STC")
            _ = try await MotcuaCLI.run(["clock", "set", "2026-04-29T10:00:00+07:00", "--rate", "0"], database: database)
            let first = try await decide(["request-supplement", code, "--officer", officer, "--item", "Điều lệ công ty", "--reason", "Thiếu điều lệ"])
            #expect(!first.stdout.contains("late"), "\(first)")
            _ = try await MotcuaCLI.run(["clock", "set", "2026-05-04T10:00:00+07:00", "--rate", "0"], database: database)
            let back = try await decide(["supplement-received", code, "--officer", "ttpv.mc01"])
            #expect(back.stdout.contains("appointment date now 06/05/2026"), "\(back)")
            let second = try await decide(["request-supplement", code, "--officer", officer, "--item", "Giấy ủy quyền", "--reason", "Người nộp không phải chủ"])
            #expect(second.stdout.contains("request 2: by the national rule the dossier now counts as late"), "\(second)")
            let slip = try await MotcuaCLI.run(["slip", code, "--kind", "supplement"], database: database)
            #expect(slip.stdout.contains("Lần 1") && slip.stdout.contains("Lần 2") && slip.stdout.contains("Giấy ủy quyền"), "\(slip)")
            _ = try await decide(["supplement-received", code, "--officer", "ttpv.mc01"])
            _ = try await decide(["refuse", code, "--officer", officer, "--reason", "Ngành nghề kinh doanh bị cấm"])
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
        #expect(try await state(code) == "stopped")
        let refusal = try await MotcuaCLI.run(["slip", code, "--kind", "refusal"], database: database)
        #expect(refusal.status == 0 && refusal.stdout.contains("(Mẫu 03)") && refusal.stdout.contains("Ngành nghề kinh doanh bị cấm"), "\(refusal)")
        let none = try await MotcuaCLI.run(["slip", code, "--kind", "apology"], database: database)
        #expect(none.status != 0 && none.stderr.contains("has no apology slip (Mẫu 04)"), "\(none)")
    }

    /// On the simulated clock (frozen): received Tuesday 28/4/2026 09:00, due Tuesday 5/5, still
    /// open on Thursday 7/5 10:00, when STC's leader signs an apology slip: it cannot promise
    /// Wednesday 6/5 (past) nor Wednesday 13/5 (the 3 working days of the limit counted again
    /// from Thursday end on Tuesday 12/5), and promises Monday 11/5. A supplement asked for on
    /// Thursday 13:00 and handed in on Monday 13:00 paused two working days after the promise, so
    /// the promise moves to Wednesday 13/5, which the desk tells the applicant; the law's date
    /// stays 5/5 (the pause came after it), and by it the dossier is late.
    @Test func aPauseAfterAnApologyMovesTheApologysDateOn() async throws {
        try await loadCatalog()
        _ = try await MotcuaCLI.run(["clock", "set", "2026-04-28T09:00:00+07:00", "--rate", "0"], database: database)
        let code = try await MotcuaCLI.submit(procedure: "2.001610", database: database).dossierCode
        let (_, exits) = try await MotcuaCLI.withWorkers([("STC", [])], database: database) { _ in
            let officer = try await holder(of: code, in: "STC")
            _ = try await MotcuaCLI.run(["clock", "set", "2026-05-07T10:00:00+07:00", "--rate", "0"], database: database)
            let apology = ["apologise", code, "--officer", "stc.ld01", "--reason", "Cần xác minh thêm", "--new-date"]
            let bounds = "must be a working day after today (2026-05-07) and after the appointment date 2026-05-05, and no later than 2026-05-12"
            for day in ["2026-05-06", "2026-05-13"] {
                let refused = try await MotcuaCLI.run(["decide"] + apology + [day], database: database)
                #expect(refused.status != 0 && refused.stderr.contains("\(day) \(bounds)"), "\(refused)")
            }
            let clerk = try await MotcuaCLI.run(
                ["decide", "apologise", code, "--officer", officer, "--reason", "x", "--new-date", "2026-05-11"], database: database)
            #expect(clerk.status != 0 && clerk.stderr.contains("is not a leader of a department holding dossier"), "\(clerk)")
            _ = try await decide(apology + ["2026-05-11"])
            _ = try await MotcuaCLI.run(["clock", "set", "2026-05-07T13:00:00+07:00", "--rate", "0"], database: database)
            _ = try await decide(["request-supplement", code, "--officer", officer, "--item", "Điều lệ công ty", "--reason", "Thiếu điều lệ"])
            _ = try await MotcuaCLI.run(["clock", "set", "2026-05-11T13:00:00+07:00", "--rate", "0"], database: database)
            let back = try await decide(["supplement-received", code, "--officer", "ttpv.mc01"])
            #expect(back.stdout.contains("appointment date now 13/05/2026"), "\(back)")
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
        let dates: [String] = try await withTestConnection { db in
            let row = try await db.query("SELECT due_date::text AS due, promised_date::text AS promised FROM dossier WHERE code = $1", [code]).single()
            return [try row.decode("due"), try row.decode("promised")]
        }
        #expect(dates == ["2026-05-05", "2026-05-13"], "the law's date, and the promise moved on by the pause")
        let track = try await MotcuaCLI.run(["report", "overdue", "--format", "json"], database: database)
        #expect(track.stdout.contains("\"promised_date\" : \"2026-05-13\""), "the overdue list keeps it, with its promise: \(track)")
    }

    /// Hostile or mistaken officer input: each gets a specific message and a non-zero exit, and
    /// nothing is written.
    @Test func badOfficerInputIsRefusedWithAClearMessageAndNothingWritten() async throws {
        try await loadCatalog()
        let code = try await MotcuaCLI.submit(procedure: "2.001610", database: database).dossierCode
        let before = try await rowCounts()
        for (arguments, message) in [
            (["decide", "request-payment", code, "--officer", "stc.cb01", "--amount", "0", "--item", "Lệ phí"], "--amount must be a positive amount in VND"),
            (["decide", "payment-received", code, "--officer", "stc.cb01", "--channel", "cash", "--reference", "R"], "--channel must be online, desk or bank"),
            (["decide", "payment-received", code, "--officer", "ttpv.mc01", "--channel", "desk", "--reference", "R"], "not waiting for a payment"),
            (
                ["decide", "request-payment", code, "--officer", "stc.cb01", "--amount", "1000", "--item", "Lệ phí"],
                "no step of it waits for an officer's decision"
            ),
            (["slip", code, "--kind", "bogus"], "--kind must be receipt, supplement, refusal, apology or control"),
            (["slip", "000.00.00.H19-000000-0000", "--kind", "receipt"], "no dossier has the code"),
            (["slip", code, "--kind", "refusal"], "has no refusal slip (Mẫu 03)"),
        ] {
            let result = try await MotcuaCLI.run(arguments, database: database)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments.joined(separator: " ")): \(result)")
        }
        #expect(try await rowCounts() == before, "nothing written")
    }

    @Test func apologyOnceConsultationAnsweredWithdrawalAndAnIllegalTransitionWritesNothing() async throws {
        try await loadCatalog()
        let consulted = try await MotcuaCLI.submit(procedure: "2.001610", database: database).dossierCode
        let withdrawn = try await MotcuaCLI.submit(procedure: "2.001955", database: database).dossierCode
        let (_, exits) = try await MotcuaCLI.withWorkers([("STC", []), ("CAT", []), ("SNV", [])], database: database) { _ in
            let officer = try await holder(of: consulted, in: "STC")
            // The first working day after the appointment: always within the slip's bounds.
            let newDate: CalendarDate = try await withTestConnection { db in
                try await db.query(
                    "SELECT min(w.day) AS day FROM working_day w, dossier d WHERE d.code = $1 AND w.working AND w.day > d.due_date", [consulted]
                ).single().decode("day")
            }
            let apology = ["apologise", consulted, "--officer", "stc.ld01", "--new-date", newDate.description, "--reason", "Cần xác minh thêm"]
            _ = try await decide(apology)
            let again = try await MotcuaCLI.run(["decide"] + apology, database: database)
            #expect(again.status != 0 && again.stderr.contains("only one is allowed per dossier"), "\(again)")
            let slip = try await MotcuaCLI.run(["slip", consulted, "--kind", "apology"], database: database)
            #expect(slip.stdout.contains("Ngày hẹn trả kết quả mới: \(SlipFormat.format(newDate))"), "\(slip)")
            _ = try await decide(["consult", consulted, "--officer", officer, "--department", "CAT", "--question", "Xác minh nhân thân"])
            let blocked = try await MotcuaCLI.run(["decide", "approve", consulted, "--officer", officer], database: database)
            #expect(blocked.status != 0, "nothing is decided while the consultation is open: \(blocked)")
            let police = try await holder(of: consulted, in: "CAT")
            _ = try await decide(["answer", consulted, "--officer", police, "--opinion", "Không có vi phạm"])
            #expect(try await state(consulted) == "assigned")
            let approved = try await decide(["approve", consulted, "--officer", officer])
            #expect(approved.stdout.contains("sent on to THUE"), "\(approved)")
            // An illegal transition: handing over a result that is not ready. Nothing is written.
            _ = try await holder(of: withdrawn, in: "SNV")
            let before = try await rowCounts()
            let illegal = try await MotcuaCLI.run(["decide", "return-result", withdrawn, "--officer", "ttpv.mc01"], database: database)
            #expect(illegal.status != 0 && illegal.stderr.contains("assigned"), "\(illegal)")
            #expect(try await rowCounts() == before, "row counts before and after")
            _ = try await decide(["withdraw", withdrawn, "--officer", "ttpv.mc01", "--reference", "Đơn rút hồ sơ số 12/2026"])
            #expect(try await state(withdrawn) == "withdrawal_requested")
            let inbox = try await MotcuaCLI.run(["inbox", "--officer", "snv.cb01", "--format", "csv"], database: database)
            #expect(!inbox.stdout.contains(withdrawn), "a withdrawn dossier leaves every inbox: \(inbox)")
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
    }
}
