import CLibPQ

/// Copies what the client needs out of a libpq `PGresult`.
enum ResultReader {
    static func rows(from result: OpaquePointer) -> Rows {
        let fieldCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<fieldCount).map { field in
            Rows.Column(
                name: String(cString: PQfname(result, Int32(field))),
                type: PostgresType(oid: UInt32(PQftype(result, Int32(field)))))
        }
        var storage: [UInt8] = []
        var cells: [Range<Int>?] = []
        cells.reserveCapacity(rowCount * fieldCount)
        for row in 0..<Int32(rowCount) {
            for field in 0..<Int32(fieldCount) {
                if PQgetisnull(result, row, field) == 1 {
                    cells.append(nil)
                    continue
                }
                let length = Int(PQgetlength(result, row, field))
                let start = storage.count
                if length > 0, let value = PQgetvalue(result, row, field) {
                    storage.append(contentsOf: UnsafeRawBufferPointer(start: value, count: length))
                }
                cells.append(start..<(start + length))
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return Rows(columns: columns, affectedRows: affected, storage: storage, cells: cells)
    }

    static func error(from result: OpaquePointer, fallback: String) -> PostgresError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        return PostgresError(
            kind: .server,
            message: field("M") ?? fallback,
            sqlState: field("C"),
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c"))
    }
}
