import Foundation

/// Checks and normalises free text typed at the desk (names, addresses, reasons): NFC, trimmed,
/// no control characters, within a length limit.
public enum FreeText {
    /// The NFC-normalised, trimmed text, or an error naming the field and the rule.
    public static func validate(_ text: String, field: String, maxLength: Int, required: Bool = true) throws -> String {
        let normalized = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if normalized.isEmpty && required {
            throw MotCuaError.invalidInput(field: field, reason: "must not be empty")
        }
        guard normalized.count <= maxLength else {
            throw MotCuaError.invalidInput(field: field, reason: "is \(normalized.count) characters long; at most \(maxLength) are allowed")
        }
        if normalized.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw MotCuaError.invalidInput(field: field, reason: "contains a control character (such as NUL or a line break); remove it")
        }
        return normalized
    }
}
