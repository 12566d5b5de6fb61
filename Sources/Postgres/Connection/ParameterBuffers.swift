import CLibPQ

/// Lays out encoded parameters as the parallel C arrays libpq's `PQexec*` functions take.
enum ParameterBuffers {
    static func with<R>(
        _ values: [PostgresValue],
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        let types = values.map { Oid($0.type.oid) }
        let lengths = values.map { Int32($0.bytes?.count ?? 0) }
        let formats = values.map { $0.format.rawValue }
        var pointers: [UnsafePointer<CChar>?] = []
        var owned: [UnsafeMutablePointer<CChar>] = []
        pointers.reserveCapacity(values.count)
        for value in values {
            guard let bytes = value.bytes else {
                pointers.append(nil)
                continue
            }
            // Text-format values must be NUL-terminated; binary ones are read by length.
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: bytes.count) }
            }
            buffer[bytes.count] = 0
            owned.append(buffer)
            pointers.append(UnsafePointer(buffer))
        }
        defer { for buffer in owned { buffer.deallocate() } }
        return types.withUnsafeBufferPointer { types in
            pointers.withUnsafeBufferPointer { pointers in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(Int32(values.count), types.baseAddress, pointers.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}
