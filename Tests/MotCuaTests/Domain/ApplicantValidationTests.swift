import Foundation
import MotCua
import Testing

/// Pure tests: no database. Every message names the field and the rule, never the value.
struct ApplicantValidationTests {
    func reason(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "accepted"
    }

    @Test(arguments: [
        ("07519900123", "exactly 12 digits"),
        ("0751990012345", "exactly 12 digits"),
        ("07519900123a", "exactly 12 digits"),
        ("999199001234", "province-of-birth code"),
        ("075299001234", "birth year in the future"),
    ])
    func invalidCitizenIDs(_ id: String, _ expected: String) {
        let message = reason { _ = try CitizenID(validating: id, field: "applicant.citizen_id", currentYear: 2026) }
        #expect(message.contains("applicant.citizen_id") && message.contains(expected), "\(message)")
        #expect(!message.contains(id))
    }

    @Test func validCitizenIDs() throws {
        #expect(try CitizenID(validating: "075 199 001 234", field: "f", currentYear: 2026).digits == "075199001234")
        #expect(try CitizenID(validating: "001310001234", field: "f", currentYear: 2026).digits == "001310001234")
        #expect(try CitizenID(validating: "079199001234", field: "f", currentYear: 2026).description == "CCCD ••••••••1234")
    }

    @Test(arguments: [
        ("0912345678", "0912345678"), ("+84 912 345 678", "0912345678"), ("84912345678", "0912345678"), ("091.234.5678", "0912345678"),
        ("(037) 123-4567", "0371234567"),
    ])
    func validPhones(_ text: String, _ digits: String) throws {
        let phone = try PhoneNumber(validating: text, field: "phone")
        #expect(phone.digits == digits)
        #expect(phone.lastFour == String(digits.suffix(4)))
    }

    @Test(arguments: ["091234567", "09123456789", "0212345678", "call me", "+1 415 555 0100"])
    func invalidPhones(_ text: String) {
        let message = reason { _ = try PhoneNumber(validating: text, field: "applicant.phone") }
        #expect(message.hasPrefix("applicant.phone:"), "\(message)")
        #expect(!message.contains(text))
    }

    @Test func emails() throws {
        #expect(try EmailAddress(validating: " Lan@DongNai.GOV.vn ", field: "e").address == "Lan@dongnai.gov.vn")
        for bad in ["lan", "lan@", "@dongnai.vn", "lan@dongnai", "l an@x.vn", "lan@x..vn@y"] {
            #expect(reason { _ = try EmailAddress(validating: bad, field: "applicant.email") }.hasPrefix("applicant.email:"))
        }
    }

    @Test func taxCodes() throws {
        #expect(try TaxCode(validating: "0312345678-001", field: "t").digits == "0312345678001")
        #expect(reason { _ = try TaxCode(validating: "12345", field: "applicant.tax_code") }.contains("10 digits"))
    }

    @Test func freeTextIsNormalisedAndBounded() throws {
        let decomposed = "Nguyễn Thị Ánh".decomposedStringWithCanonicalMapping
        let stored = try FreeText.validate("  \(decomposed) ", field: "name", maxLength: 200)
        #expect(Array(stored.utf8) == Array("Nguyễn Thị Ánh".precomposedStringWithCanonicalMapping.utf8))
        #expect(try FreeText.validate("O'Brien; DROP TABLE dossier; --", field: "name", maxLength: 200) == "O'Brien; DROP TABLE dossier; --")
        #expect(reason { _ = try FreeText.validate("a\u{0}b", field: "applicant.full_name", maxLength: 200) }.contains("control character"))
        #expect(
            reason { _ = try FreeText.validate(String(repeating: "x", count: 1_000_000), field: "applicant.full_name", maxLength: 200) }.contains("at most 200")
        )
        #expect(reason { _ = try FreeText.validate("   ", field: "applicant.full_name", maxLength: 200) }.contains("must not be empty"))
    }

    @Test func applicantsNeedTheirIdentifier() {
        #expect(reason { _ = try Applicant(RawApplicant(fullName: "An"), currentYear: 2026) }.contains("applicant.citizen_id: is required"))
        #expect(
            reason { _ = try Applicant(RawApplicant(kind: "organisation", fullName: "Công ty A"), currentYear: 2026) }.contains(
                "applicant.tax_code: is required"))
        #expect(reason { _ = try Applicant(RawApplicant(kind: "robot", fullName: "A"), currentYear: 2026) }.contains("person or organisation"))
    }
}
