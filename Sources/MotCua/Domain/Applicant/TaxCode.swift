/// An enterprise or tax code: 10 digits, or 13 for a branch (`0312345678-001`).
public struct TaxCode: Sendable, Hashable, Codable {
    /// The digits without the dash.
    public let digits: String

    /// Validates the code; the error names the rule, not the value.
    public init(validating text: String, field: String) throws {
        let digits = text.filter { $0 != "-" && $0 != " " }
        guard digits.count == 10 || digits.count == 13, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MotCuaError.invalidInput(field: field, reason: "an enterprise/tax code is 10 digits, or 13 for a branch (0312345678-001)")
        }
        self.digits = digits
    }
}
