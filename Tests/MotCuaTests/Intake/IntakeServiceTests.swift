import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

@Suite(.database) struct IntakeServiceTests {
    func count(_ sql: String, _ connection: Connection) async throws -> Int {
        try await connection.query(sql).single().decode(at: 0)
    }

    @Test func receivingWritesDossierEventsAndWorkItemAndRingsTheDoorbellAfterCommit() async throws {
        let connection = try await TestDatabase.connect()
        let listener = try await TestDatabase.connect()
        try await listener.listen(QueueChannel.name(department: "STC"))
        // 10:00 on 25 September 2025 in Vietnam.
        let receivedAt = Date(timeIntervalSince1970: 1_758_769_200)
        let receipt = try await IntakeService().submit(
            try await SampleIntake.make("2.001610", channel: .online, submittedAt: receivedAt, on: connection), on: connection)
        #expect(receipt.dossierCode == "000.00.09.H19-250925-0001")
        #expect(receipt.firstDepartment == "STC")
        #expect(receipt.procedureVersion == 1)
        let dossier = try await connection.query("SELECT state, channel, current_step FROM dossier WHERE code = $1", [receipt.dossierCode]).single()
        #expect(try dossier.decode("state", as: String.self) == "routed")
        #expect(try dossier.decode("channel", as: String.self) == "online")
        let events = try await connection.query("SELECT kind FROM dossier_event ORDER BY id").map { try $0.decode("kind", as: String.self) }
        #expect(events == ["received", "routed"])
        let item = try await connection.query("SELECT department_code, state, step_position FROM work_item").single()
        #expect(try item.decode("department_code", as: String.self) == "STC")
        #expect(try item.decode("state", as: String.self) == "ready")
        // The doorbell rang after the commit (the work item above was visible to another
        // session before the bell arrived), on the first department's channel only.
        let bells = try await listener.notifications(timeout: .seconds(10))
        #expect(bells.map(\.channel) == ["motcua_dept_stc"])
        #expect(bells.allSatisfy { $0.payload.isEmpty })
        await connection.close()
        await listener.close()
    }

    @Test func codesCarryTheDayOfEffectiveReceiptAndNeverRepeat() async throws {
        let connection = try await TestDatabase.connect()
        let intake = IntakeService()
        // 23:30 UTC on Saturday 29 Nov is 06:30 on Sunday 30 Nov in Vietnam: received on
        // Monday 1 Dec, the next working opening, so the codes carry 251201, as received_at does.
        let lateUTC = Date(timeIntervalSince1970: 1_764_459_000)
        var codes: [String] = []
        for _ in 0..<3 {
            codes.append(
                try await intake.submit(try await SampleIntake.make("2.000815", channel: .desk, submittedAt: lateUTC, on: connection), on: connection)
                    .dossierCode)
        }
        #expect(codes == ["000.00.16.H19-251201-0001", "000.00.16.H19-251201-0002", "000.00.16.H19-251201-0003"])
        let days: [String] = try await connection.query(
            "SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') AS day FROM dossier ORDER BY id"
        ).map { try $0.decode("day") }
        #expect(days == ["251201", "251201", "251201"])
        await connection.close()
    }

    @Test func dossierCodesHaveTheNationalShape() async throws {
        let connection = try await TestDatabase.connect()
        let codes = try await connection.query(
            "SELECT dossier_code('000.00.32.H19', DATE '2021-07-08', 32) AS a, dossier_code('000.00.09.H19', DATE '2026-12-31', 9999) AS b"
        ).single()
        #expect(try codes.decode("a", as: String.self) == "000.00.32.H19-210708-0032")
        #expect(try codes.decode("b", as: String.self) == "000.00.09.H19-261231-9999")
        await connection.close()
    }

    @Test func anExhaustedDailySequenceIsAClearErrorAndWritesNothing() async throws {
        let connection = try await TestDatabase.connect()
        let submittedAt = Date(timeIntervalSince1970: 1_758_769_200)
        try await connection.query(
            "INSERT INTO dossier_code_counter (agency_eid, day, last_number) VALUES ('000.00.16.H19', DATE '2025-09-25', 9999)")
        let error = try await #require(throws: MotCuaError.self) {
            try await IntakeService().submit(try await SampleIntake.make("2.000815", submittedAt: submittedAt, on: connection), on: connection)
        }
        #expect(error == .dailySequenceExhausted && error.description.contains("9,999"))
        #expect(try await count("SELECT count(*) FROM dossier", connection) == 0)
        #expect(try await count("SELECT count(*) FROM applicant", connection) == 0)
        await connection.close()
    }

    @Test func unknownProcedureWritesNothing() async throws {
        let connection = try await TestDatabase.connect()
        let error = try await #require(throws: MotCuaError.self) {
            try await IntakeService().submit(try await SampleIntake.make("9.999999", channel: .desk, on: connection), on: connection)
        }
        #expect(error == .unknownProcedure(code: "9.999999"))
        #expect(try await count("SELECT count(*) FROM dossier", connection) == 0)
        #expect(try await count("SELECT count(*) FROM dossier_code_counter", connection) == 0)
        #expect(try await count("SELECT count(*) FROM work_item", connection) == 0)
        await connection.close()
    }

    @Test func sameIdempotencyKeyGivesTheSameReceiptAndOneDossier() async throws {
        let connection = try await TestDatabase.connect()
        let submission = try await SampleIntake.make("2.001610", channel: .desk, idempotencyKey: "desk-3/2026-11-29/17", on: connection)
        var first = try await IntakeService().submit(submission, on: connection)
        var again = try await IntakeService().submit(submission, on: connection)
        // The retry's slip carries a fresh tracking secret, which replaces the first one.
        #expect(first.trackingSecret != nil && again.trackingSecret != nil && first.trackingSecret != again.trackingSecret)
        first.trackingSecret = nil
        again.trackingSecret = nil
        #expect(first == again)
        #expect(try await count("SELECT count(*) FROM dossier", connection) == 1)
        await connection.close()
    }

    @Test func concurrentIntakeKeepsTheDailySequenceGaplessAndUnique() async throws {
        let conninfo = TestDatabase.database.conninfo
        let receivedAt = Date()
        let codes = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let connection = try await Connection.connect(conninfo)
                    var mine: [String] = []
                    for _ in 0..<10 {
                        mine.append(
                            try await IntakeService().submit(
                                try await SampleIntake.make("2.001610", channel: .desk, submittedAt: receivedAt, on: connection), on: connection
                            ).dossierCode)
                    }
                    await connection.close()
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        let sequences = codes.map { Int($0.suffix(4))! }.sorted()
        #expect(sequences == Array(1...40))
        #expect(Set(codes).count == 40)
    }
}
