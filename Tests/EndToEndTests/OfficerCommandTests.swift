import Foundation
import Postgres
import TestSupport
import Testing

/// Officers at work as separate processes: the worker puts the step in an officer's inbox, the
/// officer sees it with `inbox` and decides with `decide`; an officer of another department is
/// refused with nothing written.
@Suite(.database)
struct OfficerCommandTests {
    @Test func anOfficerSeesTheStepAsksForASupplementAndApprovesOnceItIsIn() async throws {
        let database = TestDatabase.database.conninfo
        _ = try await withTestConnection { db in
            try await db.query("UPDATE procedure_step SET kind = 'review' WHERE procedure_code = '2.000815'")
            try await db.query("INSERT INTO department (code, name, agency_eid, kind) VALUES ('TTPVHCC', 'Trung tâm', '000.00.01.H19', 'center')")
            try await db.query(
                """
                INSERT INTO officer (code, department_code, display_name)
                VALUES ('stp.cb01', 'STP', 'Cán bộ 01'), ('stc.cb01', 'STC', 'Cán bộ 02'), ('ttpv.mc01', 'TTPVHCC', 'Một cửa')
                """)
        }
        let receipt = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
        let (_, exits) = try await MotcuaCLI.withWorkers([("STP", [])], database: database) { _ in
            try await eventually("the step is in the officer's inbox") {
                let inbox = try await MotcuaCLI.run(["inbox", "--officer", "stp.cb01", "--format", "csv"], database: database)
                return inbox.status == 0 && inbox.stdout.contains(receipt.dossierCode)
            }
            let events = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM dossier_event") }
            let stranger = try await MotcuaCLI.run(["decide", "approve", receipt.dossierCode, "--officer", "stc.cb01"], database: database)
            #expect(stranger.status == 1 && stranger.stderr.contains("stc.cb01 is not an officer of STP"), "\(stranger)")
            let unchanged = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM dossier_event") }
            #expect(unchanged == events, "nothing written")
            let ask = try await MotcuaCLI.run(
                [
                    "decide", "request-supplement", receipt.dossierCode, "--officer", "stp.cb01", "--item", "Bản chính để đối chiếu", "--reason",
                    "Cần đối chiếu",
                ],
                database: database)
            #expect(ask.status == 0 && ask.stdout.contains("the clock is paused"), "\(ask)")
            let noItems = try await MotcuaCLI.run(
                ["decide", "request-supplement", receipt.dossierCode, "--officer", "stp.cb01", "--reason", "x"], database: database)
            #expect(noItems.status != 0 && noItems.stderr.contains("give every missing item with --item"), "\(noItems)")
            let waiting = try await MotcuaCLI.run(["track", receipt.dossierCode, "--phone-last4", "5678"], database: database)
            #expect(waiting.stdout.contains("Yêu cầu bổ sung hồ sơ"), "\(waiting)")
            let handedIn = try await MotcuaCLI.run(["decide", "supplement-received", receipt.dossierCode, "--officer", "ttpv.mc01"], database: database)
            #expect(handedIn.status == 0 && handedIn.stdout.contains("appointment date now"), "\(handedIn)")
            let approve = try await MotcuaCLI.run(
                ["decide", "approve", receipt.dossierCode, "--officer", "stp.cb01", "--note", "Bản sao đúng bản chính"], database: database)
            #expect(approve.status == 0 && approve.stdout.contains("resolved"), "\(approve)")
            let empty = try await MotcuaCLI.run(["inbox", "--officer", "stp.cb01", "--format", "json"], database: database)
            let lines = try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [Any]
            #expect(empty.status == 0 && lines?.isEmpty == true, "the inbox is empty again: \(empty)")
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
        let tracked = try await MotcuaCLI.run(["track", receipt.dossierCode, "--phone-last4", "5678"], database: database)
        #expect(tracked.status == 0 && tracked.stdout.contains("Hoàn thành xử lý, đã có kết quả"), "\(tracked)")
        let badEvaluation = try await MotcuaCLI.run(
            ["decide", "return-result", receipt.dossierCode, "--officer", "ttpv.mc01", "--evaluation", "great"], database: database)
        #expect(badEvaluation.status != 0 && badEvaluation.stderr.contains("--evaluation must be satisfied, not_satisfied or complaint"), "\(badEvaluation)")
        let handOver = try await MotcuaCLI.run(
            ["decide", "return-result", receipt.dossierCode, "--officer", "ttpv.mc01", "--evaluation", "satisfied"], database: database)
        #expect(handOver.status == 0 && handOver.stdout.contains("result handed over (desk)"), "\(handOver)")
        let record = try await MotcuaCLI.run(["dossier", "show", receipt.dossierCode, "--actor", "ttpv.mc01", "--reason", "trả kết quả"], database: database)
        #expect(record.status == 0 && record.stdout.contains("(Mẫu 05)") && record.stdout.contains("STP — stp.cb01"), "\(record)")
        let returned = try await MotcuaCLI.run(["track", receipt.dossierCode, "--phone-last4", "5678"], database: database)
        #expect(returned.stdout.contains("Đã trả kết quả"), "\(returned)")
    }
}
