extension Decoder {
    /// The log of the catalog file being decoded, when decoding runs under ``Catalog/parse(_:file:)``.
    private var catalogLog: CatalogDecodingLog? {
        userInfo[CatalogDecodingLog.userInfoKey] as? CatalogDecodingLog
    }

    /// Runs one decoding step. Under ``Catalog/parse(_:file:)`` a failure is logged and `nil`
    /// returned, so decoding goes on and one run reports every problem; elsewhere (a catalog type
    /// decoded on its own) it throws as usual.
    func attempt<T>(_ body: () throws -> T) throws -> T? {
        guard let log = catalogLog else { return try body() }
        return log.attempt(body)
    }

    /// Reports every key of this object that is not in `allowed` (typos must not pass silently):
    /// logged under ``Catalog/parse(_:file:)``, thrown elsewhere.
    func logUnknownKeys(allowed: [String]) throws {
        let container = try container(keyedBy: CatalogCodingKey.self)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
            guard let log = catalogLog else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: KeySpelling.unknownKey(key.stringValue, allowed: allowed))
            }
            log.unknownKey(key.stringValue, at: codingPath, allowed: allowed)
        }
    }

    /// Reports every key of this object that `Keys` does not name.
    func logUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        try logUnknownKeys(allowed: Keys.allCases.map(\.stringValue))
    }
}
