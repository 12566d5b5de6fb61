import Foundation

/// An email address checked for a plausible shape (one `@`, a dotted domain, no spaces).
public struct EmailAddress: Sendable, Hashable, Codable {
    /// The address, with the domain in lower case.
    public let address: String

    /// Validates the shape; the error never repeats the address.
    public init(validating text: String, field: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !trimmed.contains(where: { $0.isWhitespace || $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 } })
        else {
            throw MotCuaError.invalidInput(field: field, reason: "not an email address of the form name@domain.vn (at most 254 characters)")
        }
        address = parts[0] + "@" + parts[1].lowercased()
    }
}
