import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Every example of README.md runs as written, on a fresh database: the shell lines of its
/// "Examples" section, and the intake JSON example submitted as a file.
@Suite(.database)
struct ReadmeExampleTests {
    /// The project folder (where README.md and sql/ are).
    static var projectFolder: URL { try! SQLDirectory.locate().deletingLastPathComponent() }

    /// The fenced blocks of `language` in the README, in order, each with the heading it stands under.
    static func blocks(_ language: String) throws -> [(heading: String, text: String)] {
        let readme = try String(contentsOf: projectFolder.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [(String, String)] = []
        var heading = ""
        var current: [String]?
        for line in readme.components(separatedBy: "\n") {
            if line.hasPrefix("#") && current == nil { heading = line.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) }
            if current == nil, line == "```\(language)" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((heading, current!.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// Runs one README line through the shell from the project folder, with `motcua` the built
    /// binary and the test's database.
    func run(_ line: String, database: String) async throws -> (status: Int32, stdout: String, stderr: String) {
        let out = MotcuaCLI.temporaryPath("stdout")
        let err = MotcuaCLI.temporaryPath("stderr")
        let command = line.replacingOccurrences(of: "motcua ", with: "\"$MOTCUA\" ", options: .anchored)
        let script = "cd \"$1\" && \(command) --database-url \"$2\" >\"$3\" 2>\"$4\""
        var environment = MotcuaCLI.environment()
        environment["MOTCUA"] = try MotcuaCLI.binary()
        let child = try ChildProcess.spawn("/bin/sh", ["-c", script, "sh", Self.projectFolder.path, database, out, err], environment: environment)
        let status = await MotcuaCLI.wait(child, timeout: .seconds(120))
        return (status, MotcuaCLI.consume(out), MotcuaCLI.consume(err))
    }

    @Test func theExamplesRunAsWritten() async throws {
        let database = TestDatabase.database.conninfo
        let examples = try #require(try Self.blocks("sh").first { $0.heading == "Examples" })
        let lines = examples.text.components(separatedBy: "\n").filter { $0.hasPrefix("motcua ") }
        #expect(lines.count >= 5)
        for line in lines {
            let result = try await run(line, database: database)
            #expect(result.status == 0, "`\(line)` exited \(result.status)\n\(result.stderr)")
            if line.contains("--format json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "`\(line)` prints JSON")
            }
        }
        let json = try #require(try Self.blocks("json").first { $0.heading == "Intake" })
        let file = MotcuaCLI.temporaryPath("submission.json")
        try json.text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let submitted = try await MotcuaCLI.run(["intake", "submit", "--file", file], database: database)
        #expect(submitted.status == 0 && submitted.stdout.contains("GIẤY TIẾP NHẬN HỒ SƠ"), "the intake example gives a receipt: \(submitted)")
    }

    /// The first two commands of the README are the demo and the test command; `.ci/run` runs
    /// the latter exactly.
    @Test func theQuickStartNamesTheDemoAndTheTestCommandCIRuns() throws {
        let quick = try Self.blocks("sh").filter { $0.heading == "Run it" }.map(\.text)
        #expect(quick == ["swift run motcua demo", "swift test"])
        let ci = try String(contentsOf: Self.projectFolder.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("\nswift test\n"))
    }
}

/// Every command that offers `--format json` prints one valid JSON document (or JSON Lines) on
/// stdout in one convention: snake_case keys.
@Suite(.database)
struct JSONOutputTests {
    static func keys(of value: Any) -> [String] {
        if let object = value as? [String: Any] { return object.keys.map { $0 } + object.values.flatMap(keys(of:)) }
        if let array = value as? [Any] { return array.flatMap(keys(of:)) }
        return []
    }

    @Test func everyJSONOutputIsValidAndSnakeCase() async throws {
        let database = TestDatabase.database.conninfo
        let catalog = ReadmeExampleTests.projectFolder.appendingPathComponent("sql/reference/dong-nai-catalog.json").path
        let load = try await MotcuaCLI.run(["catalog", "load", catalog, "--format", "json"], database: database)
        let receipt = try await MotcuaCLI.run(
            [
                "intake", "submit", "--procedure", "2.000815", "--name", "Trần Thị Bình", "--citizen-id", "075199004321", "--phone", "0987654321",
                "--all-documents", "--format", "json",
            ],
            database: database)
        let code = try #require((try JSONSerialization.jsonObject(with: Data(receipt.stdout.utf8)) as? [String: Any])?["dossier_code"] as? String)
        var outputs = [("catalog load", load), ("intake submit", receipt)]
        for arguments in [
            ["migrate", "--status"], ["catalog", "list"], ["catalog", "show", "2.000815"], ["track", code, "--phone-last4", "4321"],
            ["dossier", "show", code, "--actor", "ttpv.mc01", "--reason", "kiểm tra hồ sơ"], ["calendar", "show", "2026"],
            ["queue", "--department", "STP"], ["queue", "stats"], ["report", "summary"], ["clock", "show"], ["inbox", "--officer", "stp.ld01"],
            ["demo", "--weeks", "1", "--dossiers-per-day", "2"],
        ] {
            outputs.append((arguments.joined(separator: " "), try await MotcuaCLI.run(arguments + ["--format", "json"], database: database)))
        }
        for (name, result) in outputs {
            #expect(result.status == 0, "\(name): \(result)")
            let document = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            #expect(document != nil, "\(name) prints one JSON document: \(result.stdout.prefix(300))")
            let bad = document.map(Self.keys(of:))?.filter { $0.range(of: "^[a-z0-9_.]+$", options: .regularExpression) == nil } ?? []
            #expect(bad.isEmpty, "\(name): keys not in snake_case: \(bad)")
        }
    }
}
