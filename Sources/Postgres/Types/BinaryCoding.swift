/// Big-endian reading and writing of the fixed-width integers PostgreSQL's binary formats use.
enum BinaryCoding {
    /// Reads a big-endian integer of `T`'s width starting at `offset` of `bytes`.
    static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: ArraySlice<UInt8>, at offset: Int) -> T? {
        let size = MemoryLayout<T>.size
        let start = bytes.startIndex + offset
        guard offset >= 0, start + size <= bytes.endIndex else { return nil }
        var value: T = 0
        for index in start..<(start + size) { value = (value << 8) | T(truncatingIfNeeded: bytes[index]) }
        return value
    }

    /// The big-endian bytes of an integer.
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// Reads a whole cell as one big-endian integer of exactly `T`'s width.
    static func exact<T: FixedWidthInteger>(_: T.Type, _ bytes: ArraySlice<UInt8>) -> T? {
        bytes.count == MemoryLayout<T>.size ? read(T.self, bytes, at: 0) : nil
    }
}
