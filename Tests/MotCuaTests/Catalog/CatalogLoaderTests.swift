import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

@Suite(.database) struct CatalogLoaderTests {
    func count(_ sql: String, _ connection: Connection) async throws -> Int {
        try await connection.query(sql).single().decode(at: 0)
    }

    /// Everything the loader writes, as text, to show that a failed load wrote nothing.
    func snapshot(_ connection: Connection) async throws -> [String] {
        var lines: [String] = []
        for table in ["department", "officer", "officer_procedure", "procedure", "procedure_document", "procedure_step"] {
            let rows = try await connection.query("SELECT t::text AS line FROM \(table) t ORDER BY 1")
            lines += try rows.map { "\(table) " + (try $0.decode("line", as: String.self)) }
        }
        return lines
    }

    /// Records a dossier of a procedure version received at noon (Vietnam) on `day`.
    func receiveDossier(_ code: String, procedure: String, version: Int, on day: String, _ connection: Connection) async throws {
        try await connection.query(
            """
            INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, received_at, submitted_at)
            VALUES ($1, $2, $3, 'desk', 'received', ($4::date + time '12:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                    ($4::date + time '12:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')
            """,
            [code, procedure, version, day])
    }

    func version(of code: String, on day: String, _ connection: Connection) async throws -> Int? {
        try await CatalogReader.procedures(inForceOn: try #require(CalendarDate(iso: day)), on: connection).procedures.first { $0.code == code }?.version
    }

    @Test func shippedCatalogLoadsAndSupersedesTheSeedVersions() async throws {
        let connection = try await TestDatabase.connect()
        let catalog = try Catalog.read(path: try CatalogFixture.shippedPath())
        let summary = try await CatalogLoader().load(catalog, on: connection)
        let departments = summary.departments
        #expect(departments.added + departments.updated + departments.unchanged == catalog.departments.count)
        #expect(departments.added == catalog.departments.count - 4, "STC, THUE, BHXH and STP come from the 0002 seed")
        #expect(summary.officers.added == catalog.officers.count)
        // The seeded versions have no hash and differ from the catalog: version 2 each.
        let seeded = summary.procedures.filter { ["2.001610", "2.000815"].contains($0.code) }
        #expect(seeded.map(\.change) == [.newVersion, .newVersion] && seeded.map(\.version) == [2, 2])
        #expect(summary.count(.new) == catalog.procedures.count - 2)
        let ended: CalendarDate? = try await connection.query(
            "SELECT effective_until FROM procedure WHERE code = '2.001610' AND version = 1"
        ).single().decode("effective_until")
        #expect(ended == catalog.procedures.first { $0.code == "2.001610" }?.effectiveFrom)
        #expect(try await count("SELECT count(*) FROM procedure WHERE definition_hash IS NULL AND effective_until IS NULL", connection) == 0)
        let successor: String? = try await connection.query("SELECT succeeded_by FROM department WHERE code = 'SKHDT'").single().decode("succeeded_by")
        #expect(successor == "STC")
        let steps = try await connection.query(
            "SELECT department_code, allowance FROM procedure_step WHERE procedure_code = '2.001610' AND procedure_version = 2 ORDER BY position")
        #expect(try steps.map { try $0.decode("department_code", as: String.self) } == ["STC", "THUE", "BHXH"])
        #expect(try steps.map { try $0.decode("allowance", as: Decimal.self) } == [2, Decimal(string: "0.5")!, Decimal(string: "0.5")!])
        await connection.close()
    }

    @Test func loadingTheSameFileTwiceChangesNothing() async throws {
        let connection = try await TestDatabase.connect()
        let catalog = try Catalog.read(path: try CatalogFixture.shippedPath())
        let first = try await CatalogLoader().load(catalog, on: connection)
        #expect(!first.isUnchanged)
        let before = try await snapshot(connection)
        let again = try await CatalogLoader().load(catalog, on: connection)
        #expect(again.isUnchanged)
        #expect(again.departments.unchanged == catalog.departments.count && again.officers.unchanged == catalog.officers.count)
        #expect(again.procedures.allSatisfy { $0.change == .unchanged })
        #expect(try await snapshot(connection) == before)
        await connection.close()
    }

    @Test func anOfficersProceduresFollowTheFile() async throws {
        let connection = try await TestDatabase.connect()
        func arrangement() async throws -> [String] {
            try await connection.query("SELECT officer_code || ' ' || procedure_code AS line FROM officer_procedure ORDER BY 1")
                .map { try $0.decode("line", as: String.self) }
        }
        var catalog = try CatalogFixture.catalog()
        catalog.officers[0].procedures = ["2.001955"]
        _ = try await CatalogLoader().load(catalog, on: connection)
        #expect(try await arrangement() == ["snv.cb01 2.001955"])
        #expect(try await CatalogLoader().load(catalog, on: connection).officers.unchanged == 2, "the same file again changes nothing")

        catalog.officers[0].procedures = []
        let emptied = try await CatalogLoader().load(catalog, on: connection)
        #expect(emptied.officers.updated == 1 && emptied.officers.unchanged == 1, "a changed arrangement updates the officer")
        #expect(try await arrangement().isEmpty)
        await connection.close()
    }

    @Test func aChangedProcedureBecomesANewVersionAndDossiersKeepTheirs() async throws {
        let connection = try await TestDatabase.connect()
        // 20 September 2025: the new version below takes effect in the future.
        try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 1_758_340_800), on: connection)
        var catalog = try CatalogFixture.catalog()
        #expect(try await CatalogLoader().load(catalog, on: connection).procedures.map(\.change) == [.new, .new])
        try await receiveDossier("000.00.04.H19-250910-0001", procedure: "2.001955", version: 1, on: "2025-09-10", connection)

        catalog.procedures[0].timeLimit = try #require(TimeLimit(value: 10, unit: .workingDays))
        catalog.procedures[0].route[0].allowance = 8
        catalog.procedures[0].effectiveFrom = CalendarDate(iso: "2025-10-01")!
        let summary = try await CatalogLoader().load(try CatalogFixture.reparsed(catalog), on: connection)
        #expect(summary.procedures.map(\.change) == [.newVersion, .unchanged])
        #expect(summary.procedures[0].version == 2)

        let versions = try await CatalogReader.detail(code: "2.001955", version: nil, on: connection).versions
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].effectiveUntil == CalendarDate(iso: "2025-10-01") && versions[1].effectiveUntil == nil)
        #expect(versions[0].definitionHash != versions[1].definitionHash)
        let kept: Int = try await connection.query("SELECT procedure_version FROM dossier WHERE code = '000.00.04.H19-250910-0001'").single().decode(
            "procedure_version")
        #expect(kept == 1)
        #expect(try await version(of: "2.001955", on: "2025-09-30", connection) == 1)
        #expect(try await version(of: "2.001955", on: "2025-10-01", connection) == 2)
        let limit: Int = try await connection.query("SELECT time_limit FROM procedure WHERE code = '2.001955' AND version = 2").single().decode("time_limit")
        #expect(limit == 10)
        #expect(try await count("SELECT count(*) FROM procedure_document WHERE procedure_code = '2.001955' AND procedure_version = 2", connection) == 2)
        await connection.close()
    }

    @Test func reorderingDocumentsOrWritingDefaultsIsNoChange() async throws {
        let connection = try await TestDatabase.connect()
        _ = try await CatalogLoader().load(try CatalogFixture.catalog(), on: connection)
        var text = CatalogFixture.text(replacing: "\"fee\": {\"kind\": \"none\"}, ", with: "")
        text = CatalogFixture.text(
            replacing: "\"source_note\": \"test data (verify)\",",
            with: "\"source_note\": \"test data (verify)\", \"documents\": [], \"counting_convention\": \"receipt_day_not_counted\",", in: text)
        var catalog = try Catalog.parse(Data(text.utf8), file: CatalogFixture.file)
        catalog.procedures[0].documents.reverse()
        let summary = try await CatalogLoader().load(try CatalogFixture.reparsed(catalog), on: connection)
        #expect(summary.isUnchanged)
        await connection.close()
    }

    @Test func aNewVersionMustTakeEffectAfterTheLatestAndNothingIsWritten() async throws {
        let connection = try await TestDatabase.connect()
        var catalog = try CatalogFixture.catalog()
        _ = try await CatalogLoader().load(catalog, on: connection)
        let before = try await snapshot(connection)
        catalog.departments[2].name = "Sở Tư pháp tỉnh Đồng Nai"
        catalog.procedures[1].name = "Liên thông thử nghiệm (sửa)"
        let error = try await #require(throws: InvalidCatalog.self) {
            try await CatalogLoader().load(try CatalogFixture.reparsed(catalog), on: connection)
        }
        #expect(error.issues.map(\.location) == ["procedures[1].effective_from"])
        #expect(error.issues[0].file == CatalogFixture.file)
        #expect(error.issues[0].problem.contains("set effective_from after 2025-08-01"))
        #expect(try await snapshot(connection) == before)
        await connection.close()
    }

    @Test func aNewVersionCannotStartBeforeDossiersReceivedUnderTheOldOne() async throws {
        let connection = try await TestDatabase.connect()
        var catalog = try CatalogFixture.catalog()
        _ = try await CatalogLoader().load(catalog, on: connection)
        try await receiveDossier("000.00.04.H19-251005-0001", procedure: "2.001955", version: 1, on: "2025-10-05", connection)
        let before = try await snapshot(connection)
        catalog.procedures[0].timeLimit = try #require(TimeLimit(value: 10, unit: .workingDays))
        catalog.procedures[0].effectiveFrom = CalendarDate(iso: "2025-10-01")!
        let error = try await #require(throws: InvalidCatalog.self) {
            try await CatalogLoader().load(try CatalogFixture.reparsed(catalog), on: connection)
        }
        #expect(error.issues.map(\.location) == ["procedures[0].effective_from"])
        #expect(error.issues[0].problem.contains("1 dossier(s) of 2.001955 were submitted or received under version 1 on or after 2025-10-01"))
        #expect(try await snapshot(connection) == before)
        await connection.close()
    }

    /// A new version taking effect in the past would end a version dossiers use retroactively:
    /// refused without a reason, accepted and logged with one.
    @Test func aBackdatedVersionNeedsAReasonWhichIsLogged() async throws {
        let connection = try await TestDatabase.connect()
        var catalog = try CatalogFixture.catalog()
        _ = try await CatalogLoader().load(catalog, on: connection)
        try await receiveDossier("000.00.04.H19-250910-0001", procedure: "2.001955", version: 1, on: "2025-09-10", connection)
        // 1 December 2025; the new version would take effect on 1 November.
        try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 1_764_547_200), on: connection)
        catalog.procedures[0].timeLimit = try #require(TimeLimit(value: 10, unit: .workingDays))
        catalog.procedures[0].route[0].allowance = 8
        catalog.procedures[0].effectiveFrom = CalendarDate(iso: "2025-11-01")!
        let changed = try CatalogFixture.reparsed(catalog)
        let before = try await snapshot(connection)
        let error = try await #require(throws: InvalidCatalog.self) { try await CatalogLoader().load(changed, on: connection) }
        #expect(error.issues[0].problem.contains("2025-11-01 is before today (2025-12-01)") && error.issues[0].problem.contains("--backdate-reason"))
        #expect(try await snapshot(connection) == before)
        let summary = try await CatalogLoader(backdateReason: "Quyết định công bố ban hành muộn", actor: "stp.admin").load(changed, on: connection)
        #expect(summary.procedures[0].change == .newVersion)
        let logged = try await connection.query("SELECT kind, subject, actor, reason FROM reference_event").single()
        #expect(try logged.decode("kind", as: String.self) == "procedure_version_backdated")
        #expect(try logged.decode("subject", as: String.self) == "procedure 2.001955 version 2")
        #expect(try logged.decode("actor", as: String.self) == "stp.admin")
        await connection.close()
    }

    /// A mistaken version can be taken back while no dossier uses it; the file it replaced then
    /// loads again.
    @Test func aMistakenVersionIsRetractedAndTheOriginalLoadsAgain() async throws {
        let connection = try await TestDatabase.connect()
        var catalog = try CatalogFixture.catalog()
        let original = try CatalogFixture.reparsed(catalog)
        _ = try await CatalogLoader().load(original, on: connection)
        catalog.procedures[0].timeLimit = try #require(TimeLimit(value: 70, unit: .workingDays))
        catalog.procedures[0].route[0].allowance = 50
        catalog.procedures[0].effectiveFrom = CalendarDate(iso: "2099-01-01")!
        _ = try await CatalogLoader().load(try CatalogFixture.reparsed(catalog), on: connection)
        await #expect(throws: InvalidCatalog.self, "the original no longer loads: its version would take effect before 2099") {
            try await CatalogLoader().load(original, on: connection)
        }
        let notLatest = try await #require(throws: MotCuaError.self) {
            try await CatalogRetraction.retract(code: "2.001955", version: 1, reason: "nhầm", actor: "stp.admin", on: connection)
        }
        #expect(notLatest.description.contains("only the latest version of 2.001955 (2) can be retracted"))
        try await CatalogRetraction.retract(code: "2.001955", version: 2, reason: "Nhập nhầm thời hạn", actor: "stp.admin", on: connection)
        #expect(try await CatalogLoader().load(original, on: connection).procedures.map(\.change) == [.unchanged, .unchanged])
        let until: CalendarDate? = try await connection.query("SELECT effective_until FROM procedure WHERE code = '2.001955' AND version = 1").single()
            .decode("effective_until")
        #expect(until == nil, "version 1 is in force again without end")
        #expect(try await count("SELECT count(*) FROM reference_event WHERE kind = 'procedure_version_retracted'", connection) == 1)
        // A version a dossier uses stays.
        try await receiveDossier("000.00.04.H19-250910-0001", procedure: "2.001955", version: 1, on: "2025-09-10", connection)
        let used = try await #require(throws: MotCuaError.self) {
            try await CatalogRetraction.retract(code: "2.001955", version: 1, reason: "nhầm", actor: "stp.admin", on: connection)
        }
        #expect(used.description.contains("1 dossier(s) were submitted under it"))
        await connection.close()
    }

    @Test func aVersionWithoutHashButTheSameDefinitionGetsItsHashRecorded() async throws {
        let connection = try await TestDatabase.connect()
        let catalog = try CatalogFixture.catalog()
        _ = try await CatalogLoader().load(catalog, on: connection)
        let hashes = try await connection.query("SELECT code, definition_hash FROM procedure ORDER BY code, version").map {
            try $0.decode("definition_hash", as: String?.self)
        }
        try await connection.query("UPDATE procedure SET definition_hash = NULL WHERE code IN ('2.001955', 'DN.LT.009')")
        let summary = try await CatalogLoader().load(catalog, on: connection)
        #expect(summary.procedures.map(\.change) == [.hashRecorded, .hashRecorded])
        #expect(summary.procedures.map(\.version) == [1, 1])
        let restored = try await connection.query("SELECT code, definition_hash FROM procedure ORDER BY code, version").map {
            try $0.decode("definition_hash", as: String?.self)
        }
        #expect(restored == hashes)
        #expect(try await CatalogLoader().load(catalog, on: connection).isUnchanged)
        await connection.close()
    }

    @Test func showReadsBackWhatWasLoaded() async throws {
        let connection = try await TestDatabase.connect()
        let catalog = try CatalogFixture.catalog()
        _ = try await CatalogLoader().load(catalog, on: connection)
        for procedure in catalog.procedures {
            let detail = try await CatalogReader.detail(code: procedure.code, version: 1, on: connection)
            var expected = procedure
            expected.documents.sort { $0.code < $1.code }
            #expect(detail.definition == expected)
            #expect(detail.version.definitionHash?.count == 64)
        }
        let error = try await #require(throws: MotCuaError.self) {
            try await CatalogReader.detail(code: "9.999999", version: nil, on: connection)
        }
        #expect(error == .unknownProcedure(code: "9.999999"))
        await #expect(throws: MotCuaError.self) { try await CatalogReader.detail(code: "2.001955", version: 3, on: connection) }
        await connection.close()
    }

    @Test func listShowsTheVersionInForceOnTheDay() async throws {
        let connection = try await TestDatabase.connect()
        _ = try await CatalogLoader().load(try CatalogFixture.catalog(), on: connection)
        let july = try await CatalogReader.procedures(inForceOn: try #require(CalendarDate(iso: "2025-07-15")), on: connection)
        #expect(july.day == CalendarDate(iso: "2025-07-15"))
        #expect(july.procedures.map(\.code) == ["2.000815", "2.001610"], "only the 0002 seed is in force before 2025-08-01")
        let august = try await CatalogReader.procedures(inForceOn: try #require(CalendarDate(iso: "2025-08-01")), on: connection)
        #expect(august.procedures.map(\.code) == ["2.000815", "2.001610", "2.001955", "DN.LT.009"])
        #expect(august.procedures[2].timeLimit == TimeLimit(value: 7, unit: .workingDays) && august.procedures[2].department == "SNV")
        await connection.close()
    }
}
