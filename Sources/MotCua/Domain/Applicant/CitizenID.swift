/// A citizen identity card number (CCCD): 12 digits — 3 for the province of birth, 1 for
/// century and sex, 2 for the year of birth, 6 random; there is no check digit.
public struct CitizenID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 12 digits.
    public let digits: String

    /// Province-of-birth codes of the 63 pre-2025 provinces (Circular 07/2016/TT-BCA) *(verify)*.
    static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
        "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
        "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
        "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
        "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]

    /// Validates `text` (spaces allowed between digit groups) against the CCCD structure and the
    /// current year; the error names the rule broken, never the number.
    public init(validating text: String, field: String, currentYear: Int) throws {
        let digits = text.filter { $0 != " " }
        guard digits.count == 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MotCuaError.invalidInput(field: field, reason: "a citizen ID (CCCD) is exactly 12 digits (got \(digits.count) characters)")
        }
        guard Self.provinceCodes.contains(String(digits.prefix(3))) else {
            throw MotCuaError.invalidInput(field: field, reason: "the first 3 digits of a CCCD must be a province-of-birth code (001–096)")
        }
        let chars = Array(digits)
        let century = Int(String(chars[3]))!
        let birthYear = 1900 + (century / 2) * 100 + Int(String(chars[4...5]))!
        guard birthYear <= currentYear else {
            throw MotCuaError.invalidInput(
                field: field, reason: "digits 4–6 of the CCCD give a birth year in the future; check the century/sex digit and the year")
        }
        self.digits = digits
    }

    public var description: String { "CCCD ••••••••" + digits.suffix(4) }
}
