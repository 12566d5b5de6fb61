import Foundation
import Postgres
import Testing
import TestSupport

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
        ("1 MB field", #"{"procedure": "2.001610", "applicant": {"full_name": "\#(String(repeating: "x", count: 1_000_000))", "citizen_id": "075199001234"}}"#, "at most 200"),
        ("SQL metacharacters", #"{"procedure": "2.001610'); DELETE FROM dossier; --", \#(person)}"#, "procedure: must be a procedure code"),
        ("NUL byte", #"{"procedure": "2.001610", "applicant": {"full_name": "A\u0000B", "citizen_id": "075199001234"}}"#, "control character"),
        ("decomposed Unicode in a code", #"{"procedure": "2.001610", \#(person), "documents": ["gia\#u{0301}y_to\#u{0300}"]}"#, "documents[0]"),
        ("one bad line in a batch", "{\"procedure\": \"2.001610\", \(person), \"all_documents\": true}\n{\"procedure\": 1}", "line 2"),
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
