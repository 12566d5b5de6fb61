import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// Every static statement of the library prepares against the migrated schema, so a typo or a
/// column a migration dropped fails here, not in front of a user.
@Suite(.database) struct LibraryStatementsTests {
    @Test func everyStatementPreparesOnTheMigratedSchema() async throws {
        let connection = try await TestDatabase.connect()
        for (index, statement) in LibraryStatements.all.enumerated() {
            let types = statement.parameterTypes.isEmpty ? "" : "(\(statement.parameterTypes.joined(separator: ", ")))"
            do {
                try await connection.execute("PREPARE library_\(index)\(types) AS \(statement.sql)")
                try await connection.execute("DEALLOCATE library_\(index)")
            } catch {
                Issue.record("\(statement.name) does not prepare: \(error)")
            }
        }
        // The check itself catches what it is for.
        await #expect(throws: PostgresError.self) {
            try await connection.execute("PREPARE library_broken AS SELECT no_such_column FROM dossier")
        }
        await connection.close()
    }
}

/// The registry is complete and has no repeats: the library's sources pass no inline SQL to
/// `query(…)`, and every statement constant they declare is registered once.
@Suite struct LibraryStatementsSourceTests {
    /// `Sources/MotCua`, found from this file's place in the package.
    static let libraryFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Store
        .deletingLastPathComponent()  // MotCuaTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .appendingPathComponent("Sources/MotCua")

    /// Every `.swift` file of the library: its path relative to the package and its text.
    static func sourceFiles() throws -> [(path: String, text: String)] {
        let root = libraryFolder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [(path: String, text: String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            files.append(("Sources/MotCua/" + relative, try String(contentsOfFile: root + "/" + relative, encoding: .utf8)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The 1-based line of `index` in `text`.
    static func line(of index: String.Index, in text: String) -> Int {
        text[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// Lines where `.query(` takes a string literal (`"`, `"""` or a raw `#"`) as its first argument.
    static func inlineQueries(in text: String) -> [Int] {
        text.matches(of: #/\.query\(\s*#*"/#).map { line(of: $0.range.lowerBound, in: text) }
    }

    @Test func noQueryTakesAnInlineStatement() throws {
        #expect(Self.inlineQueries(in: "try connection.query(\n    \"SELECT 1\")") == [1])
        #expect(Self.inlineQueries(in: "try connection.query(Self.nowStatement)").isEmpty)
        let files = try Self.sourceFiles()
        try #require(!files.isEmpty, "no Swift file under \(Self.libraryFolder.path)")
        #expect(files.reduce(0) { $0 + $1.text.matches(of: #/\.query\(/#).count } > 0)
        let inline = files.flatMap { file in Self.inlineQueries(in: file.text).map { "\(file.path):\($0)" } }
        #expect(
            inline.isEmpty,
            "these .query( calls take an inline SQL literal; make each a static let …Statement next to its function and register it in LibraryStatements: \(inline.joined(separator: ", "))"
        )
    }

    @Test func everyDeclaredStatementIsRegistered() throws {
        // `static let fooStatement` (or `fooSQL`, or a bare `statement`) in `Type.swift` or
        // `Type+Topic.swift` is registered as `Type.foo`; a bare `statement` under another name
        // of that type, so each type must have as many entries as it declares.
        let registered = Set(LibraryStatements.all.map(\.name))
        var declared: [String: [(stem: String, place: String)]] = [:]
        for file in try Self.sourceFiles() where !file.path.hasSuffix("/LibraryStatements.swift") {
            let type = String(file.path.split(separator: "/").last!.dropLast(".swift".count).split(separator: "+").first!)
            for match in file.text.matches(of: #/static\s+let\s+(\w*?)(?:Statement|statement|SQL)\s*[=:]/#) {
                declared[type, default: []].append((String(match.1), "\(file.path):\(Self.line(of: match.range.lowerBound, in: file.text))"))
            }
        }
        try #require(!declared.isEmpty)
        var missing: [String] = []
        for (type, constants) in declared.sorted(by: { $0.key < $1.key }) {
            missing += constants.filter { !$0.stem.isEmpty && !registered.contains("\(type).\($0.stem)") }.map { "\(type).\($0.stem) (\($0.place))" }
            let entries = registered.filter { $0.hasPrefix(type + ".") }.count
            #expect(
                entries == constants.count,
                "\(type) declares \(constants.count) statements (\(constants.map(\.place).joined(separator: ", "))) but has \(entries) in LibraryStatements.all"
            )
        }
        #expect(missing.isEmpty, "declared but not in LibraryStatements.all: \(missing.joined(separator: ", "))")
        let types = Set(declared.keys)
        let strays = registered.filter { !types.contains(String($0.split(separator: ".").first!)) }
        #expect(strays.isEmpty, "registered under a type that declares no statement: \(strays.sorted())")
    }

    @Test func namesAndStatementsAreRegisteredOnce() {
        let all = LibraryStatements.all
        let names = Dictionary(grouping: all, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
        #expect(names.isEmpty, "names registered more than once: \(names)")
        let repeated = Dictionary(grouping: all, by: \.sql).values.filter { $0.count > 1 }.map { $0.map(\.name).joined(separator: " = ") }.sorted()
        #expect(repeated.isEmpty, "the same statement registered under several names: \(repeated)")
    }
}
