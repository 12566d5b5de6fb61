import Foundation
import MotCua
import MotCuaDemo
import Postgres
import TestSupport
import Testing

/// Submissions written in groups: one statement and one commit per group.
@Suite(.database) struct GroupIntakeTests {
    @Test func aGroupNumbersEachAgencyInOrderAndKeepsEveryRowWithItsDossier() async throws {
        let connection = try await TestDatabase.connect()
        var intakes: [ValidatedIntake] = []
        for index in 0..<10 { intakes.append(try await SampleIntake.make(index % 2 == 0 ? "2.001610" : "2.000815", index: index, on: connection)) }
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
        let first = try await service.submit(try await SampleIntake.make("2.001610", idempotencyKey: "k-1", index: 1, on: connection), on: connection)
        let batch = [
            try await SampleIntake.make("2.001610", idempotencyKey: "k-1", index: 1, on: connection),
            try await SampleIntake.make("2.000815", idempotencyKey: "k-2", index: 2, on: connection),
            try await SampleIntake.make("2.000815", index: 3, on: connection),
            try await SampleIntake.make("2.000815", idempotencyKey: "k-2", index: 2, on: connection),
        ]
        let results = try await service.submit(batch, on: connection)
        #expect(results[0].withoutSecret == first.withoutSecret, "the first result, with a fresh tracking secret")
        #expect(results[0].trackingSecret != first.trackingSecret)
        #expect(results[1] == results[3])
        #expect(results[2].dossierCode != results[1].dossierCode)
        #expect(try await connection.query("SELECT count(*) AS n FROM dossier").single().decode("n", as: Int.self) == 3)
        await connection.close()
    }

    @Test func anUnknownProcedureInABatchWritesNothingAndNamesItsSubmission() async throws {
        let connection = try await TestDatabase.connect()
        let batch = [try await SampleIntake.make("2.001610", index: 1, on: connection), try await SampleIntake.make("9.999999", index: 2, on: connection)]
        let error = try await #require(throws: MotCuaError.self) { try await IntakeService().submit(batch, on: connection) }
        #expect(error.description.contains("submission 2: procedure 9.999999 is not in the catalog"))
        for table in ["dossier", "applicant", "dossier_code_counter", "work_item"] {
            #expect(try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n", as: Int.self) == 0, "\(table)")
        }
        await connection.close()
    }

    /// A bad document in a later agency's group used to fail after the earlier groups had
    /// committed; the whole batch is now validated before the first write.
    @Test func aBadDocumentInALaterAgencyGroupWritesNothing() async throws {
        let connection = try await TestDatabase.connect()
        let now = try await DatabaseClock.now(on: connection)
        var lines: [String] = []
        for index in 0..<5 {
            var request = SampleSubmissions.request(index: index, procedure: "2.001610", channel: .desk)
            request.submittedAt = now
            lines.append(String(decoding: try JSONEncoder.snakeCase.encode(request), as: UTF8.self))
        }
        var bad = SampleSubmissions.request(index: 9, procedure: "2.000815", channel: .desk)
        bad.allDocuments = nil
        bad.documents = ["no_such_document"]
        bad.submittedAt = now
        lines.append(String(decoding: try JSONEncoder.snakeCase.encode(bad), as: UTF8.self))
        let batch = try IntakeBatch.parse(Data(lines.joined(separator: "\n").utf8), source: "batch.jsonl", now: now)
        let error = try await #require(throws: MotCuaError.self) { try await IntakeService(groupSize: 2).submit(batch, on: connection) }
        #expect(error.description.contains("batch.jsonl line 6: documents: no_such_document is not a document of procedure 2.000815"))
        for table in ["dossier", "applicant", "dossier_code_counter", "work_item"] {
            #expect(try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n", as: Int.self) == 0, "\(table)")
        }
        await connection.close()
    }
}

extension JSONEncoder {
    /// Encodes requests as the desk sends them (their coding keys are snake_case already).
    static var snakeCase: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension IntakeResult {
    /// The result without its tracking secret, which each answer issues afresh.
    var withoutSecret: IntakeResult {
        var copy = self
        copy.trackingSecret = nil
        return copy
    }
}
