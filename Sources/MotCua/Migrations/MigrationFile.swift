import Foundation

/// One numbered migration file, `NNNN_description.sql`.
public struct MigrationFile: Sendable, Equatable {
    /// The four-digit number that orders migrations.
    public let number: Int
    /// The file name, which is also the migration's recorded name.
    public let name: String
    /// The SQL text.
    public let sql: String

    /// Creates a migration from its parts (the loader validates names; tests build their own).
    public init(number: Int, name: String, sql: String) {
        self.number = number
        self.name = name
        self.sql = sql
    }

    /// Reads and validates every `.sql` file of a folder, in number order.
    public static func load(from folder: URL) throws -> [MigrationFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        var seen: [Int: String] = [:]
        return try names.map { name in
            let prefix = name.prefix { $0.isNumber }
            guard prefix.count == 4, let number = Int(prefix), name.dropFirst(4).first == "_",
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
            else { throw MotCuaError.badMigrationName(file: name, reason: "the name is not NNNN_description.sql") }
            if let other = seen[number] {
                throw MotCuaError.badMigrationName(file: name, reason: "number \(prefix) is also used by \(other)")
            }
            seen[number] = name
            let sql = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return MigrationFile(number: number, name: name, sql: sql)
        }
    }
}
