import Postgres

/// What a report may be limited to, checked before reading: a known department or procedure
/// code (a typo is an error naming the codes, not an empty report); and the names reports
/// print beside the codes.
enum ReportScope {
    /// Throws when `department` or `procedure` is given but unknown, naming the code meant when
    /// one is near (the same in another case, or a typo away).
    static func require(department: String?, procedure: String?, on connection: isolated Connection) throws {
        if let department, try connection.query(CatalogReader.departmentExistsStatement, [department]).first == nil {
            let known = try connection.query(departmentsStatement).map { try $0.decode("code", as: String.self) }
            throw MotCuaError.invalidInput(
                field: "department", reason: unknown(department, is: "a department", known: known, else: "known: \(known.joined(separator: ", "))"))
        }
        if let procedure, try connection.query(procedureStatement, [procedure]).first == nil {
            let known = try connection.query(procedureNamesStatement).map { try $0.decode("code", as: String.self) }
            throw MotCuaError.invalidInput(
                field: "procedure", reason: unknown(procedure, is: "a procedure of the catalog", known: known, else: "`motcua catalog list` lists them"))
        }
    }

    /// "`code` is not `what`; did you mean …?" with the known code meant, else `fallback`.
    private static func unknown(_ code: String, is what: String, known: [String], else fallback: String) -> String {
        if let match = known.first(where: { $0.uppercased() == code.uppercased() }) {
            return "\(code) is not \(what); codes are case-sensitive: did you mean \(match)?"
        }
        if let near = KeySpelling.nearest(to: code.uppercased(), among: known) {
            return "\(code) is not \(what); did you mean \(near)?"
        }
        return "\(code) is not \(what); \(fallback)"
    }

    /// Department and procedure names by code (a procedure's latest version's name).
    static func names(on connection: isolated Connection) throws -> (departments: [String: String], procedures: [String: String]) {
        var departments: [String: String] = [:]
        for row in try connection.query(departmentsStatement) { departments[try row.decode("code")] = try row.decode("name") }
        var procedures: [String: String] = [:]
        for row in try connection.query(procedureNamesStatement) { procedures[try row.decode("code")] = try row.decode("name") }
        return (departments, procedures)
    }

    static let departmentsStatement = "SELECT code, name FROM department ORDER BY code"
    /// `$1` code.
    static let procedureStatement = "SELECT 1 FROM procedure WHERE code = $1 LIMIT 1"
    static let procedureNamesStatement = "SELECT DISTINCT ON (code) code, name FROM procedure ORDER BY code, version DESC"
}
