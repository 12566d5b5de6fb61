/// A Vietnamese mobile number in national form: `0[35789]` and 8 more digits.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 10 digits, starting with 0.
    public let digits: String

    /// Accepts spaces, dots, dashes and parentheses between digits, and `+84`/`84` for the
    /// leading 0; the error never repeats the number.
    public init(validating text: String, field: String) throws {
        var digits = text.filter { !" .-()".contains($0) }
        if digits.hasPrefix("+84") {
            digits = "0" + digits.dropFirst(3)
        } else if digits.hasPrefix("84") && digits.count == 11 {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MotCuaError.invalidInput(field: field, reason: "a mobile number has 10 digits starting with 0 (or +84 and 9 digits)")
        }
        guard let second = digits.dropFirst().first, "35789".contains(second) else {
            throw MotCuaError.invalidInput(field: field, reason: "a Vietnamese mobile number starts with 03, 05, 07, 08 or 09")
        }
        self.digits = digits
    }

    /// The last four digits, which a citizen gives to track a dossier.
    public var lastFour: String { String(digits.suffix(4)) }

    public var description: String { "phone ••••••" + lastFour }
}
