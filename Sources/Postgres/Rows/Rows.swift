/// The complete result of one statement: its columns, its rows, and how many rows it changed.
///
/// Rows are copied out of libpq's result when the statement finishes, so a `Rows` value is a
/// plain Sendable value that outlives the connection call that produced it.
public struct Rows: Sendable, RandomAccessCollection {
    /// A result column's name and type.
    public struct Column: Sendable, Equatable {
        /// The column name (its alias when the query gave one).
        public let name: String
        /// The column type.
        public let type: PostgresType
    }

    /// The result's columns, in order.
    public let columns: [Column]
    /// For INSERT/UPDATE/DELETE/MERGE (and SELECT), the number of rows the statement processed.
    public let affectedRows: Int
    let storage: [UInt8]
    let cells: [Range<Int>?]
    let columnIndex: [String: Int]

    init(columns: [Column], affectedRows: Int, storage: [UInt8], cells: [Range<Int>?]) {
        self.columns = columns
        self.affectedRows = affectedRows
        self.storage = storage
        self.cells = cells
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column.name] == nil { index[column.name] = position }
        self.columnIndex = index
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : cells.count / columns.count }
    public subscript(position: Int) -> Row { Row(rows: self, index: position) }

    /// The single row of a result that must have exactly one, or an error saying how many it had.
    public func single() throws -> Row {
        guard count == 1 else {
            throw PostgresError(kind: .decoding, message: "expected exactly one row, got \(count)")
        }
        return self[0]
    }
}

/// One row of a ``Rows`` result; decode its columns by name or position.
public struct Row: Sendable {
    let rows: Rows
    let index: Int

    /// Decodes the column named `name` as `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let position = rows.columnIndex[name] else {
            let known = rows.columns.map(\.name).joined(separator: ", ")
            throw PostgresError(kind: .decoding, message: "no column \"\(name)\" in the result (columns: \(known))")
        }
        return try decode(at: position, as: type)
    }

    /// Decodes the column at `position` (0-based) as `T`.
    public func decode<T: PostgresDecodable>(at position: Int, as type: T.Type = T.self) throws -> T {
        guard rows.columns.indices.contains(position) else {
            throw PostgresError(kind: .decoding, message: "column position \(position) is out of range; the result has \(rows.columns.count) columns")
        }
        return try T.decode(from: cell(at: position))
    }

    /// The raw cell at `position`, for custom decoding.
    public func cell(at position: Int) -> PostgresCell {
        let column = rows.columns[position]
        let range = rows.cells[index * rows.columns.count + position]
        return PostgresCell(type: column.type, bytes: range.map { rows.storage[$0] }, columnName: column.name)
    }
}
