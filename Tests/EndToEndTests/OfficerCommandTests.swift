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
            try await db.query(
                "INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ 01'), ('stc.cb01', 'STC', 'Cán bộ 02')")
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
    }
}
