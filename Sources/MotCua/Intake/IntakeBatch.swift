import Foundation

/// Reads submissions from JSON: one object, or JSON Lines (one object per line, blank lines
/// skipped). Every line is decoded and validated before anything is written; the errors of
/// all bad lines are reported together.
public enum IntakeBatch {
    /// The validated submissions of `data`, or an error listing every bad line.
    public static func parse(_ data: Data, source: String, now: Date) throws -> [ValidatedIntake] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw MotCuaError.invalidInput(field: source, reason: "is not UTF-8 text")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines: [(Int, Substring)] =
            trimmed.hasPrefix("{") && !trimmed.contains("\n{")
            ? [(1, Substring(trimmed))]
            : text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { ($0.offset + 1, $0.element) }.filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw MotCuaError.invalidInput(field: source, reason: "holds no submission") }
        var valid: [ValidatedIntake] = []
        var problems: [String] = []
        for (number, line) in lines {
            let place = lines.count == 1 ? source : "\(source) line \(number)"
            do {
                let request = try decoder.decode(IntakeRequest.self, from: Data(line.utf8))
                valid.append(try ValidatedIntake(request, path: place, now: now))
            } catch let error as DecodingError {
                problems.append("\(place): \(describe(error))")
            } catch {
                problems.append("\(error)")
            }
        }
        guard problems.isEmpty else {
            throw MotCuaError.invalidInput(
                field: source, reason: "\(problems.count) of \(lines.count) submissions are invalid; nothing was recorded:\n" + problems.joined(separator: "\n")
            )
        }
        return valid
    }

    /// A JSON decoding error in words: which key, and what was wrong, without the value.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the document" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context) == "the document" ? "" : path(context) + ".")\(key.stringValue) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context)) must be \(type == Date.self ? "an ISO 8601 time such as 2026-11-30T09:00:00+07:00" : "of type \(type)")"
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { shorten("\($0)") } ?? context.debugDescription
            if context.debugDescription.hasPrefix("unknown key") {
                let parent = String(path(.init(codingPath: context.codingPath.dropLast(), debugDescription: "")))
                return (parent == "the document" ? "" : parent + ": ") + context.debugDescription
            }
            return context.codingPath.isEmpty ? "malformed JSON or value: \(detail)" : "\(path(context)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "malformed submission"
        }
    }

    private static func shorten(_ text: String) -> String { String(text.prefix(160)) }
}
