import Foundation

extension Catalog {
    /// Reads, decodes and validates the catalog file at `path`; throws ``InvalidCatalog`` with
    /// every problem found, each naming `path`.
    public static func read(path: String) throws -> Catalog {
        try parse(try InputFile.read(path, what: "the catalog file"), file: path)
    }

    /// Decodes and validates a catalog file's bytes; `file` names it in messages. Throws
    /// ``InvalidCatalog`` with every problem found: malformed JSON (with its line and column),
    /// wrong types, unknown keys, then the rules of ``CatalogValidator``.
    public static func parse(_ data: Data, file: String) throws -> Catalog {
        if let issue = syntaxIssue(data, file: file) { throw InvalidCatalog(issues: [issue]) }
        let log = CatalogDecodingLog(file: file)
        let decoder = JSONDecoder()
        decoder.userInfo[CatalogDecodingLog.userInfoKey] = log
        let decoded = log.attempt { try decoder.decode(Catalog.self, from: data) }
        guard var catalog = decoded, !log.hasFailures else { throw InvalidCatalog(issues: inFileOrder(log.issues)) }
        catalog.file = file
        let issues = log.issues + CatalogValidator(file: file).issues(of: catalog)
        guard issues.isEmpty else { throw InvalidCatalog(issues: inFileOrder(issues)) }
        return catalog
    }

    /// The JSON syntax error of `data`, placed at a line and column when Foundation gives its
    /// offset; `nil` when the JSON is well-formed.
    private static func syntaxIssue(_ data: Data, file: String) -> CatalogIssue? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let message = description.hasSuffix(".") ? String(description.dropLast()) : description
            let location = offset(in: message).map { position(ofByte: $0, in: data) } ?? "(whole file)"
            return CatalogIssue(
                file: file, location: location,
                problem: "malformed JSON: \(message); look for a missing comma, quote or bracket at or just before this point")
        }
    }

    /// The byte offset in Foundation's "… around character 22." message.
    private static func offset(in message: String) -> Int? {
        guard let range = message.range(of: "around character ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    /// `line L, column C` (both 1-based, columns in characters) of a UTF-8 byte offset.
    private static func position(ofByte offset: Int, in data: Data) -> String {
        let before = data.prefix(max(0, offset))
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return "line \(line), column \(column)"
    }

    /// Issues ordered as the file is: by top-level key, then element index; issues of the same
    /// element keep the order they were found in.
    private static func inFileOrder(_ issues: [CatalogIssue]) -> [CatalogIssue] {
        func rank(_ issue: CatalogIssue) -> (section: Int, element: Int) {
            let location = issue.location
            let section = location.prefix { $0 != "[" && $0 != "." }
            let sectionRank = CodingKeys.allCases.firstIndex { $0.stringValue == section } ?? -1
            let index = location.drop { $0 != "[" }.dropFirst().prefix { $0.isNumber }
            return (sectionRank, Int(index) ?? -1)
        }
        return issues.enumerated()
            .map { (rank: rank($0.element), found: $0.offset, issue: $0.element) }
            .sorted { ($0.rank.section, $0.rank.element, $0.found) < ($1.rank.section, $1.rank.element, $1.found) }
            .map(\.issue)
    }
}
