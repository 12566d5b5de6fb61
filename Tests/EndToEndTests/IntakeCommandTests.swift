import Foundation
import Postgres
import TestSupport
import Testing

/// `motcua intake submit` refusing bad input and honouring idempotency keys.
@Suite(.database)
struct IntakeCommandTests {
    /// Counts of every table intake writes to.
    private func writtenRows(on connection: Connection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["dossier", "dossier_event", "work_item", "dossier_code_counter"] {
            counts[table] = try await connection.count("SELECT count(*) AS n FROM \(table)")
        }
        return counts
    }

    private static let nothingWritten = ["dossier": 0, "dossier_event": 0, "work_item": 0, "dossier_code_counter": 0]

    @Test func unknownProcedureIsRefusedAndWritesNothing() async throws {
        let result = try await MotcuaCLI.run(
            ["intake", "submit", "--procedure", "9.999999", "--format", "json"] + MotcuaCLI.applicantFlags, database: TestDatabase.database.conninfo)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("9.999999"), "\(result)")
        #expect(result.stdout.isEmpty, "no receipt is printed: \(result)")
        let counts = try await withTestConnection { try await writtenRows(on: $0) }
        #expect(counts == Self.nothingWritten)
    }

    @Test(arguments: [
        (["--procedure", "abc!"], "procedure: must be a procedure code"),
        (["--procedure", ""], "procedure: must be a procedure code"),
        (["--procedure", "2.001610", "--channel", "fax"], "fax"),
        (["--procedure", "2.001610", "--idempotency-key", ""], "idempotency_key"),
    ])
    func invalidArgumentsAreRefused(arguments: [String], mentioned: String) async throws {
        let result = try await MotcuaCLI.run(["intake", "submit"] + arguments, database: TestDatabase.database.conninfo)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains(mentioned), "\(result)")
        let counts = try await withTestConnection { try await writtenRows(on: $0) }
        #expect(counts == Self.nothingWritten)
    }

    @Test func resubmittingWithTheSameIdempotencyKeyReturnsTheFirstReceipt() async throws {
        let database = TestDatabase.database.conninfo
        let key = "desk-7/2025-11-29/quầy-3"
        let first = try await MotcuaCLI.submit(procedure: Catalog.enterprise, channel: "desk", idempotencyKey: key, database: database)
        let second = try await MotcuaCLI.submit(procedure: Catalog.enterprise, channel: "desk", idempotencyKey: key, database: database)
        #expect(second.dossierCode == first.dossierCode)
        #expect(second.procedureCode == first.procedureCode)
        #expect(second.firstDepartment == first.firstDepartment)
        #expect(second.channel == first.channel)
        #expect(second.receivedAt == first.receivedAt)

        let other = try await MotcuaCLI.submit(procedure: Catalog.enterprise, channel: "desk", idempotencyKey: key + "-other", database: database)
        #expect(other.dossierCode != first.dossierCode)

        try await withTestConnection { connection in
            #expect(try await connection.count("SELECT count(*) AS n FROM dossier WHERE idempotency_key = $1", [key]) == 1)
            #expect(try await connection.count("SELECT count(*) AS n FROM dossier") == 2)
            let firstID: Int64 = try await connection.query("SELECT id FROM dossier WHERE code = $1", [first.dossierCode]).single().decode("id")
            #expect(try await connection.count("SELECT count(*) AS n FROM work_item WHERE dossier_id = $1", [firstID]) == 1)
            #expect(
                try await connection.count(
                    "SELECT count(*) AS n FROM dossier_event WHERE dossier_id = $1 AND kind = 'received'", [firstID]) == 1)
        }
    }

    /// Desks submitting at the same moment get distinct codes, numbered 1…n with no gap.
    @Test func concurrentSubmissionsGetDistinctGaplessCodes() async throws {
        let database = TestDatabase.database.conninfo
        let count = 8
        let receipts = try await withThrowingTaskGroup(of: ReceiptJSON.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await MotcuaCLI.submit(procedure: Catalog.enterprise, channel: index.isMultiple(of: 2) ? "desk" : "online", database: database)
                }
            }
            return try await group.reduce(into: [ReceiptJSON]()) { $0.append($1) }
        }
        let codes = receipts.map(\.dossierCode)
        #expect(Set(codes).count == count, "\(codes)")
        let sequences = codes.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.sorted()
        let days = Set(codes.map { $0.split(separator: "-").dropLast().joined(separator: "-") })
        if days.count == 1 { #expect(sequences == Array(1...count), "\(codes)") }
        let rows = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM dossier") }
        #expect(rows == count)
    }

    /// Retries of one submission racing each other still make one dossier, and every retry
    /// gets its receipt.
    @Test func concurrentRetriesWithOneIdempotencyKeyMakeOneDossier() async throws {
        let database = TestDatabase.database.conninfo
        let key = "online-portal/\(UUID().uuidString)"
        let codes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await MotcuaCLI.submit(procedure: Catalog.certification, channel: "online", idempotencyKey: key, database: database).dossierCode
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(codes.count == 4)
        #expect(Set(codes).count == 1, "\(codes)")
        try await withTestConnection { connection in
            #expect(try await connection.count("SELECT count(*) AS n FROM dossier") == 1)
            #expect(try await connection.count("SELECT count(*) AS n FROM work_item") == 1)
            let last: Int = try await connection.query("SELECT max(last_number) AS n FROM dossier_code_counter").single().decode("n")
            #expect(last == 1, "the losing retries gave their numbers back")
        }
    }
}
