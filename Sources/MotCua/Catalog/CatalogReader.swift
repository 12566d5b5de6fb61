import Foundation
import Postgres

/// Reads the loaded catalog back from the database: the procedures in force on a day, and a
/// procedure version's full definition with the validity of all its versions.
public enum CatalogReader {
    /// The procedure versions in force on `day`.
    public static func procedures(inForceOn day: CalendarDate, on connection: Connection) async throws -> ProcedureListing {
        let rows = try await connection.query(proceduresStatement, [day])
        return ProcedureListing(
            day: day,
            procedures: try rows.map { row in
                ProcedureListing.Entry(
                    code: try row.decode("code"), version: try row.decode("version"), name: try row.decode("name"),
                    department: try row.decode("department_code"), timeLimit: try timeLimit(row),
                    effectiveFrom: try row.decode("effective_from"), effectiveUntil: try row.decode("effective_until"))
            })
    }

    /// `$1` day.
    static let proceduresStatement = """
        SELECT code, version, name, department_code, time_limit, time_limit_unit, effective_from, effective_until
        FROM procedure
        WHERE effective_from <= $1 AND (effective_until IS NULL OR effective_until > $1)
        ORDER BY code COLLATE "C", version
        """

    /// Throws ``MotCuaError/unknownDepartment(code:)`` unless `code` is a department of the
    /// catalog.
    public static func requireDepartment(_ code: String, on connection: Connection) async throws {
        guard try await !connection.query(departmentExistsStatement, [code]).isEmpty else {
            throw MotCuaError.unknownDepartment(code: code)
        }
    }

    /// `$1` department code.
    static let departmentExistsStatement = "SELECT 1 FROM department WHERE code = $1"

    /// Version `version` of procedure `code` (the latest when nil) with all versions' validity.
    /// Throws ``MotCuaError/unknownProcedure(code:)`` when the procedure has no version at all.
    public static func detail(code: String, version: Int?, on connection: Connection) async throws -> ProcedureDetail {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let versions = try self.versions(of: code, on: connection)
            guard let latest = versions.last else { throw MotCuaError.unknownProcedure(code: code) }
            let shown =
                try version.map { wanted in
                    guard let found = versions.first(where: { $0.version == wanted }) else {
                        throw MotCuaError.invalidInput(
                            field: "version \(wanted) of procedure \(code)", reason: "does not exist; its versions are 1 to \(latest.version)")
                    }
                    return found
                } ?? latest
            guard let definition = try definition(code: code, version: shown.version, on: connection) else {
                throw MotCuaError.unknownProcedure(code: code)
            }
            return ProcedureDetail(version: shown, definition: definition, versions: versions)
        }
    }

    /// Every version of procedure `code`, oldest first.
    static func versions(of code: String, on connection: isolated Connection) throws -> [ProcedureVersion] {
        try connection.query(versionsStatement, [code]).map { row in
            ProcedureVersion(
                version: try row.decode("version"), effectiveFrom: try row.decode("effective_from"),
                effectiveUntil: try row.decode("effective_until"), definitionHash: try row.decode("definition_hash"))
        }
    }

    /// `$1` procedure code.
    static let versionsStatement = "SELECT version, effective_from, effective_until, definition_hash FROM procedure WHERE code = $1 ORDER BY version"

    /// The definition of one procedure version as stored, in the catalog file's terms, or nil.
    static func definition(code: String, version: Int, on connection: isolated Connection) throws -> CatalogProcedure? {
        guard let row = try connection.query(definitionStatement, [code, version]).first else { return nil }
        let documents = try connection.query(documentsStatement, [code, version]).map { document in
            RequiredDocument(
                code: try document.decode("code"), name: try document.decode("name"),
                copies: try document.decode("copies"), required: try document.decode("required"))
        }
        let route = try connection.query(routeStatement, [code, version]).map { step in
            RouteStep(
                department: try step.decode("department_code"), kind: try choice(step, "kind"),
                allowance: try step.decode("allowance"), excludedFromLimit: try step.decode("excluded_from_limit"),
                description: try step.decode("description"))
        }
        return CatalogProcedure(
            code: code, name: try row.decode("name"), field: try row.decode("field"), department: try row.decode("department_code"),
            effectiveFrom: try row.decode("effective_from"),
            timeLimit: try timeLimit(row), countingConvention: try choice(row, "counting_convention"), cutoffApplies: try row.decode("cutoff_applies"),
            fee: try row.decode("fee", as: PostgresJSON<FeeSchedule>.self).value, onlineLevel: try choice(row, "online_level"),
            sourceNote: try row.decode("source_note"), documents: documents, route: route,
            paymentPausesClock: try row.decode("payment_pauses_clock"))
    }

    /// `$1` procedure code, `$2` version.
    static let definitionStatement = """
        SELECT name, field, department_code, effective_from, time_limit, time_limit_unit, counting_convention,
               cutoff_applies, fee, online_level, source_note, payment_pauses_clock
        FROM procedure WHERE code = $1 AND version = $2
        """

    /// `$1` procedure code, `$2` version.
    static let documentsStatement =
        "SELECT code, name, copies, required FROM procedure_document WHERE procedure_code = $1 AND procedure_version = $2 ORDER BY code COLLATE \"C\""

    /// `$1` procedure code, `$2` version.
    static let routeStatement = """
        SELECT department_code, kind, allowance, excluded_from_limit, description FROM procedure_step
        WHERE procedure_code = $1 AND procedure_version = $2 ORDER BY position
        """

    /// The `time_limit` and `time_limit_unit` columns (the schema's CHECK constraints keep them valid).
    private static func timeLimit(_ row: Row) throws -> TimeLimit {
        let value: Int = try row.decode("time_limit")
        guard let limit = TimeLimit(value: value, unit: try choice(row, "time_limit_unit")) else {
            throw PostgresError(kind: .decoding, message: "column \"time_limit\" holds \(value), which is not a time limit")
        }
        return limit
    }

    /// A text column holding one of `T`'s raw values (the schema's CHECK constraints list them).
    private static func choice<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T where T.RawValue == String {
        let text: String = try row.decode(column)
        guard let value = T(rawValue: text) else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" holds \"\(text)\", which is not a \(T.self)")
        }
        return value
    }
}
