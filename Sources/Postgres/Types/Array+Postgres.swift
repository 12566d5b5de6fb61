extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// Sent as the element type's array type (`text[]` for `[String]`).
    public static var postgresType: PostgresType { Element.postgresArrayType }

    /// One-dimensional binary array: header (with the has-NULL flag), one dimension with lower
    /// bound 1, then each element as length and bytes (length -1 for NULL).
    public func postgresValue() throws -> PostgresValue {
        let values = try map { try $0.postgresValue() }
        guard values.allSatisfy({ $0.format == .binary }) else {
            throw PostgresError(kind: .encoding, message: "\(Element.self) cannot be an array element")
        }
        var bytes: [UInt8] = []
        bytes += BinaryCoding.bytes(Int32(isEmpty ? 0 : 1))
        bytes += BinaryCoding.bytes(Int32(values.contains { $0.bytes == nil } ? 1 : 0))
        bytes += BinaryCoding.bytes(Element.postgresType.oid)
        if !isEmpty {
            bytes += BinaryCoding.bytes(Int32(count))
            bytes += BinaryCoding.bytes(Int32(1))
        }
        for value in values {
            if let elementBytes = value.bytes {
                bytes += BinaryCoding.bytes(Int32(elementBytes.count))
                bytes += elementBytes
            } else {
                bytes += BinaryCoding.bytes(Int32(-1))
            }
        }
        return PostgresValue(type: Element.postgresArrayType, format: .binary, bytes: bytes)
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array (or an empty one) of any element type `Element` decodes.
    public static func decode(from cell: PostgresCell) throws -> [Element] {
        let bytes = try cell.requireBytes(for: [Element].self)
        guard let dimensions = BinaryCoding.read(Int32.self, bytes, at: 0),
            let elementOID = BinaryCoding.read(UInt32.self, bytes, at: 8)
        else { throw cell.malformed([Element].self) }
        if dimensions == 0 { return [] }
        guard dimensions == 1 else {
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(cell.columnName)\" is a \(dimensions)-dimensional array; only one dimension can be read as \([Element].self)")
        }
        guard let count = BinaryCoding.read(Int32.self, bytes, at: 12), count >= 0 else { throw cell.malformed([Element].self) }
        var offset = 20
        var result: [Element] = []
        result.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            guard let length = BinaryCoding.read(Int32.self, bytes, at: offset) else { throw cell.malformed([Element].self) }
            offset += 4
            let start = bytes.startIndex + offset
            let element: ArraySlice<UInt8>?
            if length < 0 {
                element = nil
            } else {
                guard start + Int(length) <= bytes.endIndex else { throw cell.malformed([Element].self) }
                element = bytes[start..<(start + Int(length))]
                offset += Int(length)
            }
            let elementCell = PostgresCell(type: PostgresType(oid: elementOID), bytes: element, columnName: "\(cell.columnName)[\(index + 1)]")
            result.append(try Element.decode(from: elementCell))
        }
        return result
    }
}
