import Foundation
import MotCua
import Testing

/// Pure tests of parsing and validating submissions from JSON and JSON Lines.
struct IntakeBatchTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    let good = #"{"procedure":"2.001610","applicant":{"full_name":"Lê Văn Lộc","citizen_id":"075199001234","phone":"0912345678"},"all_documents":true}"#

    func failure(_ text: String) -> String {
        do {
            _ = try IntakeBatch.parse(Data(text.utf8), source: "batch.jsonl", now: now)
            return "accepted"
        } catch { return "\(error)" }
    }

    @Test func oneObjectOrManyLines() throws {
        #expect(try IntakeBatch.parse(Data(good.utf8), source: "one.json", now: now).count == 1)
        let pretty = "{\n  \"procedure\": \"2.000815\",\n  \"applicant\": {\"full_name\": \"An\", \"citizen_id\": \"075199001234\"}\n}"
        #expect(try IntakeBatch.parse(Data(pretty.utf8), source: "pretty.json", now: now).first?.procedure == "2.000815")
        let lines = [good, "", good.replacingOccurrences(of: "2.001610", with: "2.000815")].joined(separator: "\n")
        #expect(try IntakeBatch.parse(Data(lines.utf8), source: "b.jsonl", now: now).map(\.procedure) == ["2.001610", "2.000815"])
    }

    @Test(arguments: [
        (#"{"procedure": "2.001610", "#, "malformed JSON or value"),
        (#"{"procedure": 2001610}"#, "procedure must be of type String"),
        (#"{"channel": "desk"}"#, "procedure is missing"),
        (#"{"procedure": "2.001610"}"#, "applicant: is required"),
        (#"{"procedure": "2.001610'; DROP TABLE dossier; --", "applicant": {}}"#, "procedure: must be a procedure code"),
        (#"{"procedure": "2.001610", "channel": "fax", "applicant": {}}"#, "not a channel"),
        (#"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "123"}}"#, "exactly 12 digits"),
        (#"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "075199001234", "phone": "12345"}}"#, "applicant.phone"),
        (#"{"procedure": "2.001610", "applicant": {"full_name": "A\u0000n", "citizen_id": "075199001234"}}"#, "control character"),
        (#"{"procedure": "2.001610", "submitted_at": "yesterday", "applicant": {}}"#, "ISO8601"),
        (#"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "075199001234"}, "documents": ["Giấy tờ"]}"#, "documents[0]"),
        (#"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "075199001234"}, "pages": 0}"#, "pages"),
    ])
    func badInputIsExplained(_ text: String, _ expected: String) {
        let message = failure(text)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("batch.jsonl"), "\(message)")
    }

    @Test func aMegabyteFieldIsRefused() {
        let huge = String(repeating: "Đ", count: 1_000_000)
        let message = failure(#"{"procedure":"2.001610","applicant":{"full_name":"\#(huge)","citizen_id":"075199001234"}}"#)
        #expect(message.contains("at most 200"))
        #expect(message.count < 1000, "the error does not echo the field")
    }

    @Test func everyBadLineIsReportedAndNoneAccepted() {
        let batch = [good, #"{"procedure": 1}"#, good, #"not json"#].joined(separator: "\n")
        let message = failure(batch)
        #expect(message.contains("2 of 4 submissions are invalid; nothing was recorded"))
        #expect(message.contains("line 2") && message.contains("line 4"))
    }

    @Test func personalDataNeverAppearsInErrors() {
        let message = failure(#"{"procedure":"2.001610","applicant":{"full_name":"Phạm Thị Hoa","citizen_id":"075199001234","phone":"0999"}}"#)
        #expect(!message.contains("Phạm Thị Hoa") && !message.contains("075199001234") && !message.contains("0999"))
    }
}
