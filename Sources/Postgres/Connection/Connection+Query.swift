import CLibPQ

extension Connection {
    /// Runs one statement with parameters `$1…$n` and returns its rows.
    ///
    /// Parameters are always sent separately from the SQL text, with their types declared, so
    /// no value is ever spliced into SQL. The statement is prepared on this connection the first
    /// time it runs and reused by name afterwards.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Rows {
        let values = try parameters.map { try $0.postgresValue() }
        let handle = try liveHandle()
        let key = StatementCache.Key(sql: sql, types: values.map(\.type.oid))
        let name = try preparedName(for: key, on: handle)
        let result = ParameterBuffers.with(values) { count, types, bytes, lengths, formats in
            PQexecPrepared(handle, name, count, bytes, lengths, formats, 1)
        }
        do {
            return try readResult(result, handle: handle)
        } catch let error as PostgresError where error.sqlState == SQLState.featureNotSupported {
            // "cached plan must not change result type": the table changed under the statement.
            statements.remove(key)
            throw error
        }
    }

    /// Runs SQL text that may hold several statements and no parameters (a migration, DDL,
    /// `BEGIN`). Uses the simple query protocol.
    public func execute(_ script: String) throws {
        guard !script.utf8.contains(0) else {
            throw PostgresError(kind: .encoding, message: "SQL text contains a NUL byte")
        }
        let handle = try liveHandle()
        _ = try readResult(PQexec(handle, script), handle: handle)
    }

    private func preparedName(for key: StatementCache.Key, on handle: OpaquePointer) throws -> String {
        if let name = statements.name(for: key) { return name }
        guard !key.sql.utf8.contains(0) else {
            throw PostgresError(kind: .encoding, message: "SQL text contains a NUL byte")
        }
        if statements.isFull {
            _ = try readResult(PQexec(handle, "DEALLOCATE ALL"), handle: handle)
            statements.removeAll()
        }
        let name = statements.add(key)
        let types = key.types.map { Oid($0) }
        let result = PQprepare(handle, name, key.sql, Int32(types.count), types)
        do {
            _ = try readResult(result, handle: handle)
        } catch {
            statements.remove(key)
            throw error
        }
        return name
    }

    /// Turns a libpq result into rows or an error, and frees it.
    func readResult(_ result: OpaquePointer?, handle: OpaquePointer) throws -> Rows {
        guard let result else {
            throw PostgresError(kind: connectionErrorKind(handle), message: Self.errorMessage(handle))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return ResultReader.rows(from: result)
        default:
            var error = ResultReader.error(from: result, fallback: Self.errorMessage(handle))
            if PQstatus(handle) != CONNECTION_OK {
                error = PostgresError(kind: .connectionLost, message: error.message, sqlState: error.sqlState)
            }
            throw error
        }
    }

    private func connectionErrorKind(_ handle: OpaquePointer) -> PostgresError.Kind {
        PQstatus(handle) == CONNECTION_OK ? .server : .connectionLost
    }
}
