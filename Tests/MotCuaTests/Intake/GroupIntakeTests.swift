import Foundation
import MotCua
import Postgres
import Testing
import TestSupport

/// Submissions written in groups: one statement and one commit per group.
@Suite(.database) struct GroupIntakeTests {
    @Test func aGroupNumbersEachAgencyInOrderAndKeepsEveryRowWithItsDossier() async throws {
        let connection = try await TestDatabase.connect()
        let intakes = try (0..<10).map { try SampleIntake.make($0 % 2 == 0 ? "2.001610" : "2.000815", index: $0) }
        let results = try await IntakeService(groupSize: 4).submit(intakes, on: connection)
        #expect(results.count == 10)
        let stc = results.filter { $0.procedureCode == "2.001610" }.map { Int($0.dossierCode.suffix(4))! }
        let stp = results.filter { $0.procedureCode == "2.000815" }.map { Int($0.dossierCode.suffix(4))! }
        #expect(stc == [1, 2, 3, 4, 5] && stp == [1, 2, 3, 4, 5], "gapless and in input order per agency")
        for (intake, result) in zip(intakes, results) {
            let row = try await connection.query(
                """
                SELECT a.full_name, (SELECT count(*) FROM dossier_event e WHERE e.dossier_id = d.id) AS events,
                       (SELECT count(*) FROM work_item w WHERE w.dossier_id = d.id) AS items
                FROM dossier d JOIN applicant a ON a.id = d.applicant_id WHERE d.code = $1
                """,
                [result.dossierCode]
            ).single()
            #expect(try row.decode("full_name", as: String.self) == intake.applicant.fullName)
            #expect(try row.decode("events", as: Int.self) == 2 && row.decode("items", as: Int.self) == 1)
        }
        await connection.close()
    }

    @Test func retriesInsideAndAcrossGroupsGetTheFirstResult() async throws {
        let connection = try await TestDatabase.connect()
        let service = IntakeService(groupSize: 8)
        let first = try await service.submit(try SampleIntake.make("2.001610", idempotencyKey: "k-1", index: 1), on: connection)
        let batch = [
            try SampleIntake.make("2.001610", idempotencyKey: "k-1", index: 1),
            try SampleIntake.make("2.000815", idempotencyKey: "k-2", index: 2),
            try SampleIntake.make("2.000815", index: 3),
            try SampleIntake.make("2.000815", idempotencyKey: "k-2", index: 2),
        ]
        let results = try await service.submit(batch, on: connection)
        #expect(results[0] == first)
        #expect(results[1] == results[3])
        #expect(results[2].dossierCode != results[1].dossierCode)
        #expect(try await connection.query("SELECT count(*) AS n FROM dossier").single().decode("n", as: Int.self) == 3)
        await connection.close()
    }

    @Test func anUnknownProcedureInAGroupWritesNothingOfThatGroup() async throws {
        let connection = try await TestDatabase.connect()
        let batch = [try SampleIntake.make("2.001610", index: 1), try SampleIntake.make("9.999999", index: 2)]
        await #expect(throws: MotCuaError.unknownProcedure(code: "9.999999")) {
            try await IntakeService().submit(batch, on: connection)
        }
        for table in ["dossier", "applicant", "dossier_code_counter", "work_item"] {
            #expect(try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n", as: Int.self) == 0, "\(table)")
        }
        await connection.close()
    }
}
