extension KeyedDecodingContainer {
    /// Decodes a string that must be the raw value of one of `choices`, saying which ones when it
    /// is not.
    func decodeChoice<T: RawRepresentable>(_: T.Type, forKey key: Key, among choices: [T]) throws -> T where T.RawValue == String {
        let text = try decode(String.self, forKey: key)
        guard let value = T(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "\"\(text)\" is not allowed; use one of: \(choices.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// ``decodeChoice(_:forKey:among:)`` among all cases of `T`.
    func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T where T.RawValue == String {
        try decodeChoice(type, forKey: key, among: Array(T.allCases))
    }

    /// ``decodeChoice(_:forKey:)`` for an optional key, `default` when absent.
    func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key, default value: T) throws -> T where T.RawValue == String {
        try contains(key) ? decodeChoice(type, forKey: key) : value
    }

    /// Decodes an optional key, `default` when absent.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key, default value: T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? value
    }

    /// Decodes a ``TimeLimit`` written `{"value": 3, "unit": "working_days"}`.
    func decodeTimeLimit(forKey key: Key) throws -> TimeLimit {
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no time limit"))
        }
        let decoder = try superDecoder(forKey: key)
        try decoder.logUnknownKeys(TimeLimitCodingKey.self)
        let limit = try decoder.container(keyedBy: TimeLimitCodingKey.self)
        let value = try limit.decode(Int.self, forKey: .value)
        let unit = try limit.decodeChoice(TimeLimit.Unit.self, forKey: .unit, among: TimeLimitCodingKey.units)
        guard let timeLimit = TimeLimit(value: value, unit: unit) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: limit, debugDescription: "is negative; write 0 for the same day, or more")
        }
        return timeLimit
    }

    /// Decodes a list element by element, logging each bad element and going on with the next,
    /// so one run reports every bad element; throws (already logged) when any failed.
    func decodeEach<T: Decodable>(_: T.Type, forKey key: Key) throws -> [T] {
        let elements = try decode([CatalogElement<T>].self, forKey: key)
        let values = elements.compactMap(\.value)
        guard values.count == elements.count else { throw CatalogDecodingLog.AlreadyLogged() }
        return values
    }

    /// ``decodeEach(_:forKey:)`` for an optional list, empty when absent.
    func decodeEach<T: Decodable>(_ type: T.Type, forKey key: Key, default value: [T]) throws -> [T] {
        try contains(key) ? decodeEach(type, forKey: key) : value
    }
}
