extension KeyedEncodingContainer {
    /// Encodes a ``TimeLimit`` as `{"value": 3, "unit": "working_days"}`.
    mutating func encodeTimeLimit(_ limit: TimeLimit, forKey key: Key) throws {
        var nested = nestedContainer(keyedBy: TimeLimitCodingKey.self, forKey: key)
        try nested.encode(limit.value, forKey: .value)
        try nested.encode(limit.unit.rawValue, forKey: .unit)
    }
}
