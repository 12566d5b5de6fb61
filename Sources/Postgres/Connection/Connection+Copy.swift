import CLibPQ

extension Connection {
    /// Streams `rows` into `table (columns)` with `COPY … FROM STDIN` in text format: one
    /// statement for a whole bulk load, far cheaper than an INSERT per row. Values travel as
    /// data, never as SQL (the table and columns are quoted identifiers); nil is NULL. Returns
    /// the rows copied. Row triggers on the table fire for every row, as for an INSERT.
    @discardableResult
    public func copy(into table: String, columns: [String], rows: some Sequence<[String?]>) throws -> Int {
        let handle = try liveHandle()
        let statement = "COPY \(try quoteIdentifier(table)) (\(try columns.map { try quoteIdentifier($0) }.joined(separator: ", "))) FROM STDIN"
        guard let started = PQexec(handle, statement) else {
            throw PostgresError(kind: .connectionLost, message: Self.errorMessage(handle))
        }
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            _ = try readResult(started, handle: handle)
            throw PostgresError(kind: .server, message: "COPY did not start")
        }
        PQclear(started)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var sendError: String?
        func flush() {
            guard !buffer.isEmpty, sendError == nil else { return }
            let sent = buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { PQputCopyData(handle, $0, Int32(bytes.count)) }
            }
            if sent != 1 { sendError = Self.errorMessage(handle) }
            buffer.removeAll(keepingCapacity: true)
        }
        for row in rows {
            guard row.count == columns.count else {
                _ = PQputCopyEnd(handle, "a row has \(row.count) values for \(columns.count) columns")
                _ = try? finishCopy(handle)
                throw PostgresError(kind: .encoding, message: "COPY into \(table): a row has \(row.count) values for \(columns.count) columns")
            }
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.append(0x09) }
                guard let value else {
                    buffer.append(contentsOf: [0x5C, 0x4E])
                    continue
                }
                for byte in value.utf8 {
                    switch byte {
                    case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
                    case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
                    case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
                    case 0x00: buffer.append(contentsOf: [0x5C, 0x30])
                    default: buffer.append(byte)
                    }
                }
            }
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        if let sendError {
            _ = PQputCopyEnd(handle, "the client could not send")
            _ = try? finishCopy(handle)
            throw PostgresError(kind: .connectionLost, message: sendError)
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw PostgresError(kind: .connectionLost, message: Self.errorMessage(handle)) }
        return try finishCopy(handle)
    }

    /// Reads the results that end a COPY; returns the rows copied.
    private func finishCopy(_ handle: OpaquePointer) throws -> Int {
        var copied = 0
        var failure: Error?
        while let result = PQgetResult(handle) {
            do {
                copied = try readResult(result, handle: handle).affectedRows
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return copied
    }
}
