import Foundation
import MotCua
import MotCuaDemo
import Postgres
import TestSupport
import Testing

@Suite(.database) struct TrackingTests {
    @Test func theApplicantSeesProgressWithTheRightPhoneDigitsOnly() async throws {
        let connection = try await TestDatabase.connect()
        let intake = try await SampleIntake.make("2.001610", on: connection)
        let result = try await IntakeService().submit(intake, on: connection)
        let lastFour = try #require(intake.applicant.phone?.lastFour)
        let view = try #require(try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(lastFour), on: connection))
        #expect(view.nationalCode == 4)
        #expect(view.awaiting == "Đang xử lý tại Sở Tài chính")
        #expect(view.steps.map(\.kind) == [.received, .routed])
        #expect(
            try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(lastFour == "9999" ? "9998" : "9999"), on: connection) == nil)
        #expect(try await DossierTracking.lookup(code: "000.00.09.H19-000000-0000", credential: .phoneLastFour(lastFour), on: connection) == nil)
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
        let view = try #require(try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(lastFour), on: connection))
        #expect(view.steps.map(\.label) == ["Tiếp nhận hồ sơ", "Chuyển xử lý", "Hoàn thành xử lý, đã có kết quả"])
        #expect(view.steps.last?.department == "Sở Tư pháp")
        #expect(view.awaiting == "Kết quả đã sẵn sàng; mời nhận tại quầy")
        await connection.close()
    }

    /// An applicant without a phone tracks with the secret on the receipt; the secret is not
    /// stored, only its hash.
    @Test func theSecretOnTheReceiptOpensTheDossierWithoutAPhone() async throws {
        let connection = try await TestDatabase.connect()
        var request = SampleSubmissions.request(index: 4, procedure: "2.000815", channel: .desk)
        request.applicant?.phone = nil
        let result = try await IntakeService().submit(try ValidatedIntake(request, now: try await DatabaseClock.now(on: connection)), on: connection)
        let secret = try #require(result.trackingSecret)
        #expect(TrackingSecret.normalise(secret) == secret)
        let typed = secret.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .secret(typed), on: connection) != nil)
        #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .secret("AAAA-AAAA"), on: connection) == nil)
        let stored: Int = try await connection.query(
            "SELECT count(*) AS n FROM dossier WHERE tracking_secret_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND tracking_secret_hash <> $1",
            [secret]
        ).single().decode("n")
        #expect(stored == 1, "the hash is stored, never the secret")
        await connection.close()
    }

    /// Five wrong guesses within the hour and phone digits no longer open the dossier, even the
    /// right ones, while its secret still does; a wrong guess looks exactly like an unknown code.
    @Test func wrongGuessesLockPhoneTrackingForAnHour() async throws {
        let connection = try await TestDatabase.connect()
        let intake = try await SampleIntake.make("2.000815", on: connection)
        let result = try await IntakeService().submit(intake, on: connection)
        let lastFour = try #require(intake.applicant.phone?.lastFour)
        let wrong = lastFour == "0000" ? "0001" : "0000"
        for _ in 0..<DossierTracking.maximumFailures {
            #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(wrong), on: connection) == nil)
        }
        #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(lastFour), on: connection) == nil, "locked")
        #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .secret(try #require(result.trackingSecret)), on: connection) != nil)
        // An hour later (real time: the failures age), the phone opens it again.
        try await connection.query("UPDATE tracking_failure SET at = at - interval '61 minutes'")
        #expect(try await DossierTracking.lookup(code: result.dossierCode, credential: .phoneLastFour(lastFour), on: connection) != nil)
        await connection.close()
    }

    @Test func readingTheRecordLogsWhoWhenAndWhy() async throws {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            "INSERT INTO department (code, name, agency_eid, kind) VALUES ('TTPVHCC', 'Trung tâm Phục vụ hành chính công', '000.00.01.H19', 'center')")
        try await connection.query(
            """
            INSERT INTO officer (code, department_code, display_name, active) VALUES
                ('ttpv.mc01', 'TTPVHCC', 'Cán bộ một cửa', true), ('stp.cb01', 'STP', 'Cán bộ Tư pháp', true),
                ('stc.cb01', 'STC', 'Cán bộ Tài chính', true), ('ttpv.old', 'TTPVHCC', 'Đã nghỉ', false)
            """)
        let result = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        for reader in ["ttpv.mc01", "stp.cb01"] {
            let view = try #require(try await DossierRecord.read(code: result.dossierCode, actor: reader, purpose: "gọi điện hẹn trả kết quả", on: connection))
            #expect(view.citizenID != nil && view.phone != nil, "\(reader): the center's desk, or the department holding the dossier")
        }
        for stranger in ["stc.cb01", "ttpv.old", "anyone at all"] {
            let error = await #expect(throws: MotCuaError.self) {
                try await DossierRecord.read(code: result.dossierCode, actor: stranger, purpose: "tò mò", on: connection)
            }
            #expect(error == .accessRefused(dossier: result.dossierCode), "\(stranger)")
        }
        let log = try await connection.query("SELECT actor, purpose, command, granted FROM personal_data_access WHERE command = 'dossier show' ORDER BY id").map
        {
            "\(try $0.decode("actor", as: String.self)) \(try $0.decode("granted", as: Bool.self))"
        }
        #expect(log == ["ttpv.mc01 true", "stp.cb01 true", "stc.cb01 false", "ttpv.old false", "anyone at all false"])
        #expect(try await DossierRecord.read(code: "nope", actor: "ttpv.mc01", purpose: "test", on: connection) == nil)
        await connection.close()
    }
}
