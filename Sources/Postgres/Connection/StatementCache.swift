/// Names of the statements this session has prepared, keyed by SQL text and parameter types.
///
/// Every parameterised statement is prepared on first use and executed by name afterwards, so
/// hot queries are parsed and planned once per connection. The cache is cleared on reconnect
/// (prepared statements belong to the session) and when it grows past its limit.
struct StatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]
    }

    static let limit = 256
    private var names: [Key: String] = [:]
    private var counter = 0

    /// The prepared statement's name, if this session has prepared it.
    func name(for key: Key) -> String? { names[key] }

    /// Records a new statement and returns the name to prepare it under.
    mutating func add(_ key: Key) -> String {
        counter += 1
        let name = "s\(counter)"
        names[key] = name
        return name
    }

    /// Forgets one statement (after the server dropped or invalidated it).
    mutating func remove(_ key: Key) { names[key] = nil }

    /// Forgets everything.
    mutating func removeAll() { names.removeAll() }

    var isFull: Bool { names.count >= Self.limit }
}
