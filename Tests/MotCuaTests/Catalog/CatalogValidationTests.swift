import Foundation
import MotCua
import Postgres
import Testing

struct CatalogValidationTests {
    /// The one issue at `location`, which must name the fixture file.
    func issue(at location: String, in issues: [CatalogIssue]) throws -> CatalogIssue {
        let found = try #require(issues.first { $0.location == location }, "no issue at \(location); issues: \(issues)")
        #expect(found.file == CatalogFixture.file)
        #expect(found.description.hasPrefix("\(CatalogFixture.file): \(location): "))
        return found
    }

    @Test func fixtureIsValidAndFillsDefaults() throws {
        let catalog = try CatalogFixture.catalog()
        #expect(catalog.file == CatalogFixture.file)
        #expect(catalog.departments.map(\.code) == ["SLDTBXH", "SNV", "STP", "CAT"])
        #expect(catalog.departments[1].kind == .department)
        #expect(catalog.officers[0].role == .officer && catalog.officers[0].active && catalog.officers[0].procedures.isEmpty)
        let local = catalog.procedures[1]
        #expect(local.documents.isEmpty)
        #expect(local.onlineLevel == .none && local.countingConvention == .receiptDayNotCounted)
        #expect(local.route[0].allowance == Decimal(string: "1.5"))
        #expect(local.route[2].description == "")
        #expect(try CatalogFixture.reparsed(catalog) == catalog)
    }

    @Test func shippedCatalogIsValidAndCoversTheDomainTable() throws {
        let path = try CatalogFixture.shippedPath()
        let catalog = try Catalog.read(path: path)
        let procedures = Dictionary(uniqueKeysWithValues: catalog.procedures.map { ($0.code, $0) })
        for code in ["2.001610", "2.000815", "2.000635", "1.004222", "2.001955"] { #expect(procedures[code] != nil, "\(code) missing") }
        #expect(catalog.procedures.count >= 10)
        #expect(procedures["2.001610"]?.route.map(\.department) == ["STC", "THUE", "BHXH"])
        #expect(procedures["2.000815"]?.fee == .perPage(firstPages: 2, firstPageAmount: 2000, nextPageAmount: 1000, cap: 200_000))
        #expect(procedures["2.000815"]?.cutoffApplies == true && procedures["2.000815"]?.timeLimit == TimeLimit(value: 0, unit: .workingDays))
        #expect(procedures["2.000635"]?.fee == .fixed(amount: 8000))
        let land = try #require(catalog.procedures.first { $0.field == "Đất đai" })
        #expect(land.timeLimit.value == 10 && land.route.contains { $0.excludedFromLimit && $0.department == "THUE" })
        let departments = Dictionary(uniqueKeysWithValues: catalog.departments.map { ($0.code, $0) })
        #expect(departments["STC"]?.agencyEID == "000.00.09.H19" && departments["STP"]?.agencyEID == "000.00.16.H19")
        #expect(departments["THUE"]?.agencyEID == "000.00.40.H19" && departments["BHXH"]?.agencyEID == "000.00.41.H19")
        #expect(catalog.departments.filter { $0.succeededBy != nil }.count == 6)
        for officer in catalog.officers { #expect(departments[officer.department]?.validUntil == nil, "\(officer.code) serves an ended department") }
    }

    @Test func malformedJSONIsPlacedAtItsLineAndColumn() throws {
        // The missing comma comes after Vietnamese text: the column counts characters, not bytes.
        let text = CatalogFixture.text(replacing: "\"field\": \"Quan hệ lao động\",", with: "\"field\": \"Quan hệ lao động\"")
        let issues = try CatalogFixture.issues(of: text)
        #expect(issues.count == 1)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("\"Quan hệ lao động\" \"department\"") })
        let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: "\"department\"")!.lowerBound) + 1
        let issue = try issue(at: "line \(line + 1), column \(column)", in: issues)
        #expect(issue.problem.hasPrefix("malformed JSON"))
    }

    @Test func emptyFileIsMalformed() throws {
        let issues = try CatalogFixture.issues(of: "")
        #expect(issues.count == 1 && issues[0].problem.hasPrefix("malformed JSON"))
    }

    @Test func wrongTypeNamesTheKeyPath() throws {
        let issues = try CatalogFixture.issues(of: CatalogFixture.text(replacing: "\"copies\": 2", with: "\"copies\": \"two\""))
        let issue = try issue(at: "procedures[0].documents[1].copies", in: issues)
        #expect(issue.problem.contains("wrong type") && issue.problem.contains("whole number"))
    }

    @Test func unknownKeyIsReportedWithTheAllowedKeys() throws {
        let issues = try CatalogFixture.issues(of: CatalogFixture.text(replacing: "\"cutoff_applies\": true", with: "\"cuttoff_applies\": true"))
        #expect(issues.count == 1)
        let issue = try issue(at: "procedures[1].cuttoff_applies", in: issues)
        #expect(issue.problem.contains("unknown key") && issue.problem.contains("cutoff_applies"))
    }

    /// An absurd value is a typo, not a law: it is refused with its key path.
    @Test func implausibleValuesAreRefusedByKeyPath() throws {
        let limit = try issue(
            at: "procedures[0].time_limit.value",
            in: try CatalogFixture.issues(
                of: CatalogFixture.text(replacing: "\"value\": 7, \"unit\": \"working_days\"", with: "\"value\": 99999999, \"unit\": \"working_days\"")))
        #expect(limit.problem.contains("implausible") && limit.problem.contains("at most 365"))
        let copies = try issue(
            at: "procedures[0].documents[1].copies",
            in: try CatalogFixture.issues(of: CatalogFixture.text(replacing: "\"copies\": 2", with: "\"copies\": 5000")))
        #expect(copies.problem.contains("between 1 and 100"))
    }

    @Test func implausibleFeesAreRefusedByKeyPath() throws {
        let shipped = try String(contentsOfFile: try CatalogFixture.shippedPath(), encoding: .utf8)
        let text = shipped.replacingOccurrences(of: #""amount": 8000}"#, with: #""amount": 8000000000}"#)
        #expect(text != shipped)
        let issues = try CatalogFixture.issues(of: text)
        #expect(issues.contains { $0.location.hasSuffix(".fee.amount") && $0.problem.contains("implausible") }, "\(issues)")
    }

    /// Every fee of the shipped catalog agrees with its source note: the amounts the note names,
    /// and the online amount where the note sets one ("miễn khi nộp trực tuyến": free online).
    @Test func shippedFeesAgreeWithTheirNotes() throws {
        let catalog = try Catalog.read(path: try CatalogFixture.shippedPath())
        for procedure in catalog.procedures {
            let note = procedure.sourceNote
            switch procedure.fee {
            case .none:
                #expect(note.contains("miễn") || note.contains("chưa nhập") || !note.contains("đ"), "\(procedure.code): no fee, but the note names one")
            case .fixed(let amount, let online):
                #expect(note.contains(SlipFormat.money(amount) + " đ"), "\(procedure.code): the note does not name \(amount)")
                if note.contains("miễn khi nộp trực tuyến") { #expect(online == 0, "\(procedure.code): free online by its note") }
                if let online, online > 0 { #expect(note.contains(SlipFormat.money(online) + " đ khi nộp trực tuyến"), "\(procedure.code)") }
            case .perPage(_, let first, let next, let cap):
                for amount in [first, next] + [cap].compactMap({ $0 }) {
                    #expect(note.contains(SlipFormat.money(amount) + " đ"), "\(procedure.code): the note does not name \(amount)")
                }
            }
        }
    }

    @Test func unknownFeeKeyIsReported() throws {
        let text = CatalogFixture.text(replacing: "\"fee\": {\"kind\": \"none\"}", with: "\"fee\": {\"kind\": \"none\", \"amount\": 5000}")
        _ = try issue(at: "procedures[0].fee.amount", in: try CatalogFixture.issues(of: text))
    }

    @Test func valueOutsideItsChoicesListsThem() throws {
        let text = CatalogFixture.text(replacing: "\"value\": 7, \"unit\": \"working_days\"", with: "\"value\": 7, \"unit\": \"days\"")
        let issue = try issue(at: "procedures[0].time_limit.unit", in: try CatalogFixture.issues(of: text))
        #expect(issue.problem.contains("working_days, working_hours, calendar_days"))
    }

    @Test func negativeTimeLimitIsReported() throws {
        let text = CatalogFixture.text(replacing: "\"value\": 7,", with: "\"value\": -7,")
        let issue = try issue(at: "procedures[0].time_limit.value", in: try CatalogFixture.issues(of: text))
        #expect(issue.problem.contains("negative"))
    }

    @Test func missingKeyIsNamed() throws {
        let text = CatalogFixture.text(replacing: "\"name\": \"Sở Tư pháp\", ", with: "")
        let issue = try issue(at: "departments[2].name", in: try CatalogFixture.issues(of: text))
        #expect(issue.problem.contains("missing"))
    }

    @Test func everyBadElementIsReportedInOneRun() throws {
        var text = CatalogFixture.text(replacing: "\"valid_from\": \"2000-01-01\"", with: "\"valid_from\": \"01/01/2000\"")
        text = CatalogFixture.text(replacing: "\"kind\": \"signature\", \"allowance\": 2", with: "\"kind\": \"sign\", \"allowance\": 2", in: text)
        text = CatalogFixture.text(replacing: "\"role\": \"leader\"", with: "\"role\": \"leader\", \"phone\": \"x\"", in: text)
        let issues = try CatalogFixture.issues(of: text)
        #expect(issues.map(\.location).sorted() == ["departments[0].valid_from", "officers[1].phone", "procedures[0].route[1].kind"])
    }

    @Test func anOfficersProceduresMustBeOfTheFileAndReachTheOfficersDepartment() throws {
        var catalog = try CatalogFixture.catalog()
        // snv.cb01 serves SNV: 2.001955 is reviewed there; DN.LT.009 never reaches SNV.
        catalog.officers[0].procedures = ["2.001955", "DN.LT.009", "2.999999", "2.001955"]
        let issues = try CatalogFixture.issues(of: catalog)
        #expect(try issue(at: "officers[0].procedures[1]", in: issues).problem.contains("DN.LT.009 has no review or signature step at SNV"))
        #expect(try issue(at: "officers[0].procedures[2]", in: issues).problem.contains("2.999999 is not a procedure of this file"))
        #expect(try issue(at: "officers[0].procedures[3]", in: issues).problem.contains("listed twice"))
        #expect(issues.count == 3)
    }

    @Test func unknownDepartmentIsReportedWhereItIsUsed() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[1].route[2].department = "CAX"
        catalog.officers[0].department = "SNX"
        let issues = try CatalogFixture.issues(of: catalog)
        #expect(try issue(at: "procedures[1].route[2].department", in: issues).problem.contains("\"CAX\" is not a department of this file"))
        _ = try issue(at: "officers[0].department", in: issues)
        #expect(issues.count == 2)
    }

    @Test func departmentNotInForceIsReportedWithItsSuccessor() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[0].department = "SLDTBXH"
        let issue = try issue(at: "procedures[0].department", in: try CatalogFixture.issues(of: catalog))
        #expect(issue.problem.contains("not in force on 2025-08-01") && issue.problem.contains("successor SNV"))
    }

    @Test func duplicateCodesAreReported() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.departments.append(catalog.departments[2])
        catalog.officers.append(catalog.officers[0])
        catalog.procedures.append(catalog.procedures[0])
        catalog.procedures[0].documents[1].code = "noi_quy"
        let issues = try CatalogFixture.issues(of: catalog)
        #expect(try issue(at: "departments[4].code", in: issues).problem.contains("STP is also the code of departments[2]"))
        _ = try issue(at: "officers[2].code", in: issues)
        _ = try issue(at: "procedures[2].code", in: issues)
        _ = try issue(at: "procedures[0].documents[1].code", in: issues)
    }

    @Test func allowancesOverTheLimitAreReportedAndExcludedStepsDoNotCount() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[0].route[0].allowance = 6
        let issue = try issue(at: "procedures[0].route", in: try CatalogFixture.issues(of: catalog))
        #expect(issue.problem.contains("add up to 8, more than the time_limit of 7 working days"))
        // Step 2 of the fixture's second procedure has 4 days, excluded: it is valid as it is.
        catalog.procedures[0].route[0].allowance = 5
        catalog.procedures[1].route[1].excludedFromLimit = false
        let counted = try self.issue(at: "procedures[1].route", in: try CatalogFixture.issues(of: catalog))
        #expect(counted.problem.contains("add up to 7, more than the time_limit of 3 working days"))
    }

    @Test func allowanceMissingOnOneCountedStepIsReported() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[0].route[1].allowance = nil
        _ = try issue(at: "procedures[0].route[1].allowance", in: try CatalogFixture.issues(of: catalog))
    }

    @Test func badCodesAndEIDsAreReported() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.departments[1].agencyEID = "000.00.4.H19"
        catalog.departments[2].code = "stp"
        catalog.officers[1].code = "Phạm Văn Nam"
        catalog.procedures[0].code = "2001955"
        let issues = try CatalogFixture.issues(of: catalog)
        #expect(try issue(at: "departments[1].agency_eid", in: issues).problem.contains("like 000.00.09.H19"))
        _ = try issue(at: "departments[2].code", in: issues)
        _ = try issue(at: "officers[1].code", in: issues)
        _ = try issue(at: "procedures[0].code", in: issues)
    }

    @Test func errorsNeverEchoOfficerNames() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.officers[1].department = "NOPE"
        let issues = try CatalogFixture.issues(of: catalog)
        #expect(!issues.isEmpty)
        #expect(!issues.contains { $0.description.contains("Phạm Văn Nam") })
    }

    @Test func successionMustPointToADepartmentInForce() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.departments[0].succeededBy = "SNVV"
        #expect(try issue(at: "departments[0].succeeded_by", in: try CatalogFixture.issues(of: catalog)).problem.contains("\"SNVV\""))
        catalog.departments[0].succeededBy = "SNV"
        catalog.departments[0].validUntil = CalendarDate(iso: "2025-06-01")
        #expect(try issue(at: "departments[0].succeeded_by", in: try CatalogFixture.issues(of: catalog)).problem.contains("not in force on 2025-06-01"))
        catalog.departments[0].validUntil = nil
        _ = try issue(at: "departments[0].valid_until", in: try CatalogFixture.issues(of: catalog))
    }

    @Test func validUntilMustFollowValidFrom() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.departments[2].validUntil = catalog.departments[2].validFrom
        let issue = try issue(at: "departments[2].valid_until", in: try CatalogFixture.issues(of: catalog))
        #expect(issue.problem.contains("is not after valid_from"))
    }

    @Test func emptyRouteIsReported() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[1].route = []
        _ = try issue(at: "procedures[1].route", in: try CatalogFixture.issues(of: catalog))
    }

    @Test func localCodesNeedAVerifyNote() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.procedures[1].sourceNote = "test data"
        _ = try issue(at: "procedures[1].source_note", in: try CatalogFixture.issues(of: catalog))
    }

    @Test func catalogTypesDecodedOnTheirOwnStillRejectUnknownKeys() throws {
        let procedure = try CatalogFixture.catalog().procedures[1]
        #expect(try JSONDecoder().decode(CatalogProcedure.self, from: try JSONEncoder().encode(procedure)) == procedure)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RequiredDocument.self, from: Data(#"{"code": "to_khai", "name": "Tờ khai", "copy": 2}"#.utf8))
        }
    }

    @Test func unreadableFileIsNamed() throws {
        let error = try #require(throws: MotCuaError.self) { try Catalog.read(path: "/nonexistent/catalog.json") }
        #expect(error.description.hasPrefix("/nonexistent/catalog.json: "))
    }
}
