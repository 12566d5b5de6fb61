/// Suggests the known key a misspelt one was meant to be, for messages about unknown keys in
/// input files (`all_documnts` → `all_documents`).
enum KeySpelling {
    /// The known key nearest to `key` by edit distance, when it is near enough to be a typo
    /// (at most a third of its length, and at most 3 edits).
    static func nearest(to key: String, among known: [String]) -> String? {
        let limit = min(3, max(1, key.count / 3))
        return known.map { ($0, distance(key, $0)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    /// "unknown key "k"; did you mean "x"? (keys here: …)", the one wording of every unknown key.
    static func unknownKey(_ key: String, allowed: [String]) -> String {
        let hint = nearest(to: key, among: allowed).map { "; did you mean \"\($0)\"?" } ?? "; check its spelling"
        return "unknown key \"\(key)\"\(hint) (keys here: \(allowed.joined(separator: ", ")))"
    }

    /// Levenshtein distance between two strings, by characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
