import Foundation

/// A table to print as aligned text or CSV.
struct Table {
    var headers: [String]
    var rows: [[String]]

    /// Columns padded to their widest cell (by characters, so Vietnamese text aligns).
    func text() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV with a header line.
    func csv() -> String {
        func field(_ value: String) -> String {
            value.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// JSON text of an Encodable value in the one convention of every output: snake_case keys (as
/// the input has), sorted, dates in ISO 8601.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try jsonEncoder([.prettyPrinted]).encode(value), as: UTF8.self)
}

/// Compact one-line JSON of an Encodable value (for JSON Lines output), in the same convention.
func jsonLine<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try jsonEncoder([]).encode(value), as: UTF8.self)
}

private func jsonEncoder(_ formatting: JSONEncoder.OutputFormatting) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting.union([.sortedKeys, .withoutEscapingSlashes])
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    return encoder
}
