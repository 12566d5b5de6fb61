import Foundation
import Postgres
import TestSupport
import Testing

/// The bad-input corpus, fed to `motcua intake submit --file` as an operator would: each input
/// gets a clear error on stderr, a non-zero exit, and no row is written.
@Suite(.database)
struct BadInputTests {
    static let person = #""applicant": {"full_name": "Võ Thị Sáu", "citizen_id": "075199001234", "phone": "0912345678"}"#

    static let corpus: [(name: String, content: String, mentioned: String)] = [
        ("malformed JSON", #"{"procedure": "2.001610", "#, "malformed JSON"),
        ("wrong type", #"{"procedure": 2001610, \#(person)}"#, "procedure must be of type String"),
        ("unknown procedure", #"{"procedure": "9.999999", \#(person), "all_documents": true}"#, "procedure 9.999999 is not in the catalog"),
        ("invalid CCCD", #"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "07519900123"}}"#, "applicant.citizen_id"),
        ("invalid phone", #"{"procedure": "2.001610", "applicant": {"full_name": "An", "citizen_id": "075199001234", "phone": "12"}}"#, "applicant.phone"),
        (
            "1 MB field",
            #"{"procedure": "2.001610", "applicant": {"full_name": "\#(String(repeating: "x", count: 1_000_000))", "citizen_id": "075199001234"}}"#,
            "at most 200"
        ),
        ("SQL metacharacters", #"{"procedure": "2.001610'); DELETE FROM dossier; --", \#(person)}"#, "procedure: must be a procedure code"),
        ("NUL byte", #"{"procedure": "2.001610", "applicant": {"full_name": "A\u0000B", "citizen_id": "075199001234"}}"#, "control character"),
        ("decomposed Unicode in a code", #"{"procedure": "2.001610", \#(person), "documents": ["gia\#u{0301}y_to\#u{0300}"]}"#, "documents[0]"),
        ("one bad line in a batch", "{\"procedure\": \"2.001610\", \(person), \"all_documents\": true}\n{\"procedure\": 1}", "line 2"),
        // A misspelt or extra key must not silently turn a receipt into a supplement request.
        (
            "misspelt all_documents", #"{"procedure": "2.001610", \#(person), "all_documnts": true}"#,
            #"unknown key "all_documnts"; did you mean "all_documents"?"#
        ),
        ("misspelt refuse_reason", #"{"procedure": "2.001610", \#(person), "refuse_reson": "x"}"#, #"did you mean "refuse_reason"?"#),
        ("misspelt channel", #"{"procedure": "2.001610", \#(person), "chanel": "online", "all_documents": true}"#, #"did you mean "channel"?"#),
        ("extra key", #"{"procedure": "2.001610", \#(person), "all_documents": true, "colour": "red"}"#, #"unknown key "colour""#),
        (
            "misspelt applicant key", #"{"procedure": "2.001610", "applicant": {"full_nam": "An", "citizen_id": "075199001234"}}"#,
            #"applicant: unknown key "full_nam"; did you mean "full_name"?"#
        ),
        (
            "unknown procedure on a later line",
            "{\"procedure\": \"2.001610\", \(person), \"all_documents\": true}\n{\"procedure\": \"9.999999\", \(person), \"all_documents\": true}",
            "line 2: procedure 9.999999 is not in the catalog"
        ),
        (
            "bad document in a later agency's group",
            "{\"procedure\": \"2.001610\", \(person), \"all_documents\": true}\n{\"procedure\": \"2.001610\", \(person), \"all_documents\": true}\n"
                + "{\"procedure\": \"2.000815\", \(person), \"documents\": [\"no_such_document\"]}",
            "line 3: documents: no_such_document is not a document of procedure 2.000815"
        ),
    ]

    @Test(arguments: corpus.indices)
    func badInputIsRefusedWithNothingWritten(_ index: Int) async throws {
        let (name, content, mentioned) = Self.corpus[index]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bad-\(UUID().uuidString).jsonl")
        try content.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await MotcuaCLI.run(["intake", "submit", "--file", file.path], database: TestDatabase.database.conninfo)
        #expect(result.status != 0 && result.status < 128, "\(name): \(result)")
        #expect(result.stderr.contains(mentioned), "\(name): \(result)")
        #expect(!result.stderr.contains("Võ Thị Sáu") && !result.stderr.contains("075199001234"), "\(name): no personal data in errors")
        #expect(result.stdout.isEmpty, "\(name): \(result)")
        let connection = try await TestDatabase.connect()
        for table in ["dossier", "applicant", "dossier_event", "work_item", "dossier_code_counter", "personal_data_access"] {
            let count: Int = try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n")
            #expect(count == 0, "\(name): \(table) has \(count) rows")
        }
        await connection.close()
    }
}

/// JSON Lines on standard input (`--file -`), as a batch from another program would arrive.
@Suite(.database)
struct StandardInputIntakeTests {
    @Test func aBatchFromStandardInputIsRecordedInOrder() async throws {
        let lines = (0..<5).map { index in
            #"{"procedure": "2.000815", "applicant": {"full_name": "Đỗ Văn \#(index)", "citizen_id": "07519900123\#(index)", "phone": "091234567\#(index)"}, "all_documents": true}"#
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-stdin-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await MotcuaCLI.run(
            ["intake", "submit", "--file", "-", "--format", "json"], database: TestDatabase.database.conninfo, stdin: file.path)
        #expect(result.status == 0, "\(result)")
        let codes = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))).flatMap { ($0 as? [String: Any])?["dossier_code"] as? String }
        }
        #expect(codes.map { Int($0.suffix(4))! } == [1, 2, 3, 4, 5], "\(result)")
    }
}

/// `motcua track` as a citizen runs it: the right phone digits show progress and no personal
/// data; wrong digits get the same answer as a wrong code.
@Suite(.database)
struct TrackCommandTests {
    @Test func trackingNeedsTheRightPhoneDigits() async throws {
        let database = TestDatabase.database.conninfo
        let receipt = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
        let shown = try await MotcuaCLI.run(["track", receipt.dossierCode, "--phone-last4", "5678"], database: database)
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains(receipt.dossierCode) && shown.stdout.contains("Đang xử lý"), "\(shown)")
        #expect(!shown.stdout.contains("Nguyễn Văn An") && !shown.stdout.contains("075201012345"), "no personal data: \(shown)")
        let wrongPhone = try await MotcuaCLI.run(["track", receipt.dossierCode, "--phone-last4", "0000"], database: database)
        let wrongCode = try await MotcuaCLI.run(["track", "000.00.16.H19-000101-0001", "--phone-last4", "5678"], database: database)
        #expect(wrongPhone.status == 1 && wrongCode.status == 1)
        #expect(wrongPhone.stderr == wrongCode.stderr, "the two failures cannot be told apart")
    }
}
