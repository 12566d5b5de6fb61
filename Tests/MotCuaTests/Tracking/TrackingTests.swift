import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

@Suite(.database) struct TrackingTests {
    @Test func theApplicantSeesProgressWithTheRightPhoneDigitsOnly() async throws {
        let connection = try await TestDatabase.connect()
        let intake = try await SampleIntake.make("2.001610", on: connection)
        let result = try await IntakeService().submit(intake, on: connection)
        let lastFour = try #require(intake.applicant.phone?.lastFour)
        let view = try #require(try await DossierTracking.lookup(code: result.dossierCode, phoneLastFour: lastFour, on: connection))
        #expect(view.nationalCode == 4)
        #expect(view.awaiting == "Đang xử lý tại Sở Tài chính")
        #expect(view.steps.map(\.kind) == [.received, .routed])
        #expect(try await DossierTracking.lookup(code: result.dossierCode, phoneLastFour: lastFour == "9999" ? "9998" : "9999", on: connection) == nil)
        #expect(try await DossierTracking.lookup(code: "000.00.09.H19-000000-0000", phoneLastFour: lastFour, on: connection) == nil)
        let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        #expect(!json.contains(intake.applicant.fullName) && !json.contains(intake.applicant.citizenID!.digits), "no personal data")
        await connection.close()
    }

    @Test func theApplicantSeesEachHandOverAndTheResult() async throws {
        let connection = try await TestDatabase.connect()
        let intake = try await SampleIntake.make("2.000815", on: connection)
        let result = try await IntakeService().submit(intake, on: connection)
        let item = try await connection.transaction { try WorkQueue.claim(department: "STP", limit: 1, worker: "test", leaseSeconds: 60, on: $0) }[0]
        #expect(try await StepCompletion.complete(item, actor: "test", on: connection) == .resolved)
        let lastFour = try #require(intake.applicant.phone?.lastFour)
        let view = try #require(try await DossierTracking.lookup(code: result.dossierCode, phoneLastFour: lastFour, on: connection))
        #expect(view.steps.map(\.label) == ["Tiếp nhận hồ sơ", "Chuyển xử lý", "Hoàn thành xử lý, đã có kết quả"])
        #expect(view.steps.last?.department == "Sở Tư pháp")
        #expect(view.awaiting == "Kết quả đã sẵn sàng; mời nhận tại quầy")
        await connection.close()
    }

    @Test func readingTheRecordLogsWhoWhenAndWhy() async throws {
        let connection = try await TestDatabase.connect()
        let result = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        let view = try #require(
            try await DossierRecord.read(code: result.dossierCode, actor: "officer.lan", purpose: "gọi điện hẹn trả kết quả", on: connection))
        #expect(view.citizenID != nil && view.phone != nil)
        let log = try await connection.query("SELECT actor, purpose, command FROM personal_data_access ORDER BY id").map {
            [try $0.decode("actor", as: String.self), try $0.decode("purpose", as: String.self), try $0.decode("command", as: String.self)]
        }
        #expect(log.last == ["officer.lan", "gọi điện hẹn trả kết quả", "dossier show"])
        #expect(try await DossierRecord.read(code: "nope", actor: "x", purpose: "test", on: connection) == nil)
        await connection.close()
    }
}
