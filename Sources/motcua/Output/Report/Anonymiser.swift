import Foundation

/// Shows counts of groups smaller than a threshold as "< N" (`--anonymise`), so figures that
/// leave the building cannot single anyone out; without a threshold, shows them as they are.
///
/// A count from 1 to N − 1 is replaced; 0 stays (it singles no one out). In JSON, every
/// integer count is replaced the same way, and where an object had a count replaced its rates
/// and averages become null, since they could give the small count back.
struct Anonymiser {
    /// The smallest group shown as it is; nil: no anonymisation.
    let threshold: Int?

    /// The masked form.
    var mask: String { "< \(threshold ?? 0)" }

    func hides(_ count: Int) -> Bool { threshold.map { count > 0 && count < $0 } ?? false }

    /// A count as text (Vietnamese thousands dots), masked when small.
    func count(_ n: Int) -> String { hides(n) ? mask : ReportFormat.number(n) }

    /// A count as CSV writes it (plain digits), masked when small.
    func csv(_ n: Int) -> String { hides(n) ? mask : String(n) }

    /// A rate over `base` dossiers: masked when the base is small.
    func rate(_ value: Double?, base: Int) -> String { hides(base) ? mask : ReportFormat.percent(value) }

    /// A rate as CSV writes it (a fraction with a dot), masked when the base is small.
    func csvRate(_ value: Double?, base: Int) -> String { hides(base) ? mask : value.map { String(format: "%.4f", $0) } ?? "" }

    /// The keys of integers that are not counts of dossiers or people.
    private static let notCounts: Set<String> = [
        "working_days_late", "working_days_left", "usual_step_days", "p90_processing_days", "threshold", "difference_count", "compared", "events",
    ]

    /// Whether an integer under `key` counts dossiers, steps or people (rates, shares,
    /// averages, points and day counts do not).
    static func isCount(_ key: String) -> Bool {
        !notCounts.contains(key) && !key.hasSuffix("_rate") && !key.hasSuffix("_share") && !key.hasPrefix("average") && key != "satisfaction"
            && !key.contains("points") && key != "earned" && key != "target" && key != "rate"
    }

    /// `value` as JSON (the commands' convention), anonymised when there is a threshold.
    func json<T: Encodable>(_ value: T) throws -> String {
        let text = try jsonText(value)
        guard threshold != nil else { return text }
        let tree = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(anonymise(tree)), as: UTF8.self)
    }

    private func anonymise(_ node: JSONValue) -> JSONValue {
        switch node {
        case .array(let items): return .array(items.map(anonymise))
        case .object(let object):
            var result: [String: JSONValue] = [:]
            var hid = false
            for (key, value) in object {
                if case .integer(let n) = value, Self.isCount(key), hides(n) {
                    result[key] = .string(mask)
                    hid = true
                } else {
                    result[key] = anonymise(value)
                }
            }
            if hid {
                for (key, value) in result where !Self.isCount(key) && !Self.notCounts.contains(key) {
                    switch value {
                    case .number, .integer: result[key] = .null
                    default: break
                    }
                }
            }
            return .object(result)
        default: return node
        }
    }
}

/// Any JSON value, to rewrite an output before printing it.
enum JSONValue: Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
