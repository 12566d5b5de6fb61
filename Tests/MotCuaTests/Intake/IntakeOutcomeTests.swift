import Foundation
import MotCua
import MotCuaDemo
import Postgres
import TestSupport
import Testing

@Suite(.database) struct IntakeOutcomeTests {
    /// Gives the sample procedure 2.001610 two required documents and one optional.
    func withDocuments() async throws -> Connection {
        let connection = try await TestDatabase.connect()
        try await connection.query(
            """
            INSERT INTO procedure_document (procedure_code, procedure_version, code, name, copies, required)
            VALUES ('2.001610', 1, 'application_form', 'Giấy đề nghị đăng ký doanh nghiệp', 1, true),
                   ('2.001610', 1, 'owner_id', 'Bản sao giấy tờ pháp lý của chủ doanh nghiệp', 1, true),
                   ('2.001610', 1, 'authorisation', 'Văn bản ủy quyền', 1, false)
            """)
        return connection
    }

    func request(documents: [String]? = nil, all: Bool = false, refuse: String? = nil) -> IntakeRequest {
        var request = SampleSubmissions.request(index: 7, procedure: "2.001610", channel: .desk)
        request.allDocuments = all
        request.documents = documents
        request.refuseReason = refuse
        return request
    }

    @Test func missingDocumentsGiveASupplementRequestListingEveryItem() async throws {
        let connection = try await withDocuments()
        let result = try await IntakeService().submit(
            ValidatedIntake(request(documents: ["authorisation"]), now: try await DatabaseClock.now(on: connection)), on: connection)
        #expect(result.outcome == .supplementRequested)
        #expect(result.missingDocuments.map(\.code) == ["application_form", "owner_id"])
        #expect(result.receivedAt == nil && result.firstDepartment == nil)
        let slip = IntakeSlip.render(result)
        #expect(slip.contains("Mẫu 02") && slip.contains("Giấy đề nghị đăng ký doanh nghiệp") && slip.contains("Bản sao giấy tờ pháp lý"))
        #expect(!slip.contains("Văn bản ủy quyền (1 bản): chưa nộp"))
        let row = try await connection.query("SELECT state, received_at FROM dossier").single()
        #expect(try row.decode("state", as: String.self) == "awaiting_supplement")
        #expect(try row.decode("received_at", as: Date?.self) == nil)
        #expect(try await connection.query("SELECT count(*) AS n FROM work_item").single().decode("n", as: Int.self) == 0)
        await connection.close()
    }

    @Test func aRefusalRecordsItsReasonAndRoutesNothing() async throws {
        let connection = try await withDocuments()
        let result = try await IntakeService().submit(
            ValidatedIntake(request(all: true, refuse: "Thủ tục không thuộc thẩm quyền của Trung tâm"), now: try await DatabaseClock.now(on: connection)),
            on: connection)
        #expect(result.outcome == .refused)
        #expect(IntakeSlip.render(result).contains("Lý do từ chối: Thủ tục không thuộc thẩm quyền của Trung tâm"))
        #expect(try await connection.query("SELECT state FROM dossier").single().decode("state", as: String.self) == "refused")
        #expect(try await connection.query("SELECT count(*) AS n FROM work_item").single().decode("n", as: Int.self) == 0)
        await connection.close()
    }

    @Test func aCompleteDossierIsReceivedWithItsDocumentsAndFee() async throws {
        let connection = try await withDocuments()
        try await connection.query(#"UPDATE procedure SET fee = '{"kind":"fixed","amount":50000}' WHERE code = '2.001610'"#)
        let result = try await IntakeService().submit(
            ValidatedIntake(request(documents: ["application_form", "owner_id"]), now: try await DatabaseClock.now(on: connection)), on: connection)
        #expect(result.outcome == .received)
        #expect(result.fee == 50_000)
        #expect(result.documents.filter(\.provided).map(\.code) == ["application_form", "owner_id"])
        let slip = IntakeSlip.render(result)
        #expect(slip.contains("Mẫu 01") && slip.contains("Lệ phí: 50.000 đồng") && slip.contains("Chuyển xử lý: STC"))
        await connection.close()
    }

    @Test func unknownDocumentCodesAreRefusedAndNothingIsWritten() async throws {
        let connection = try await withDocuments()
        let error = try await #require(throws: MotCuaError.self) {
            try await IntakeService().submit(
                ValidatedIntake(request(documents: ["passport"]), now: try await DatabaseClock.now(on: connection)), on: connection)
        }
        #expect(error.description.contains("passport is not a document of procedure 2.001610"))
        #expect(try await connection.query("SELECT count(*) AS n FROM dossier").single().decode("n", as: Int.self) == 0)
        #expect(try await connection.query("SELECT count(*) AS n FROM applicant").single().decode("n", as: Int.self) == 0)
        await connection.close()
    }

    @Test func theSlipReadIsRecordedAsPersonalDataAccess() async throws {
        let connection = try await withDocuments()
        _ = try await IntakeService(actor: "desk-3").submit(
            ValidatedIntake(request(all: true), now: try await DatabaseClock.now(on: connection)), on: connection)
        let access = try await connection.query("SELECT actor, purpose, command FROM personal_data_access").single()
        #expect(try access.decode("actor", as: String.self) == "desk-3")
        #expect(try access.decode("command", as: String.self) == "intake submit")
        await connection.close()
    }
}
