import Postgres

/// What a report may be limited to, checked before reading: a known department or procedure
/// code (a typo is an error naming the codes, not an empty report); and the names reports
/// print beside the codes.
enum ReportScope {
    /// Throws when `department` or `procedure` is given but unknown; a code written in the wrong
    /// case (`stc`) is answered with the right one.
    static func require(department: String?, procedure: String?, on connection: isolated Connection) throws {
        if let department, try connection.query(CatalogReader.departmentExistsStatement, [department]).first == nil {
            let known = try connection.query(departmentsStatement).map { try $0.decode("code", as: String.self) }
            let reason =
                if let match = known.first(where: { $0.uppercased() == department.uppercased() }) {
                    "\(department) is not a department; codes are case-sensitive: did you mean \(match)?"
                } else {
                    "\(department) is not a department; known: \(known.joined(separator: ", "))"
                }
            throw MotCuaError.invalidInput(field: "department", reason: reason)
        }
        if let procedure, try connection.query(procedureStatement, [procedure]).first == nil {
            let reason =
                if let match = try connection.query(procedureInAnyCaseStatement, [procedure]).first {
                    "\(procedure) is not a procedure of the catalog; codes are case-sensitive: did you mean \(try match.decode("code", as: String.self))?"
                } else {
                    "\(procedure) is not a procedure of the catalog; `motcua catalog list` lists them"
                }
            throw MotCuaError.invalidInput(field: "procedure", reason: reason)
        }
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
    /// `$1` code in any case.
    static let procedureInAnyCaseStatement = "SELECT code FROM procedure WHERE upper(code) = upper($1) ORDER BY code LIMIT 1"
    static let procedureNamesStatement = "SELECT DISTINCT ON (code) code, name FROM procedure ORDER BY code, version DESC"
}
