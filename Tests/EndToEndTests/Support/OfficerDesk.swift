import Foundation
import Postgres
import TestSupport
import Testing

/// What the end-to-end tests of officers' work share: the shipped catalog loaded, a decision
/// taken through `motcua decide`, and the dossier's holder and state read back.
protocol OfficerDeskTest {
    /// The test database's conninfo.
    var database: String { get }
}

extension OfficerDeskTest {
    func loadCatalog() async throws {
        let catalog = ReadmeExampleTests.projectFolder.appendingPathComponent("sql/reference/dong-nai-catalog.json").path
        let load = try await MotcuaCLI.run(["catalog", "load", catalog], database: database)
        #expect(load.status == 0, "\(load)")
    }

    func decide(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> CommandResult {
        let result = try await MotcuaCLI.run(["decide"] + arguments, database: database)
        #expect(result.status == 0, "decide \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// The officer holding the dossier's step, once the worker has put it in an inbox.
    func holder(of code: String, in department: String) async throws -> String {
        var officer: String?
        try await eventually("\(code) is in an inbox of \(department)") {
            officer = try await withTestConnection { db in
                try await db.query(
                    """
                    SELECT w.assigned_officer FROM work_item w JOIN dossier d ON d.id = w.dossier_id
                    WHERE d.code = $1 AND w.department_code = $2 AND w.state = 'assigned' ORDER BY w.id DESC LIMIT 1
                    """, [code, department]
                ).first?.decode("assigned_officer", as: String?.self)
            }
            return officer != nil
        }
        return officer!
    }

    func state(_ code: String) async throws -> String {
        try await withTestConnection { try await $0.query("SELECT state FROM dossier WHERE code = $1", [code]).single().decode("state") }
    }
}
