import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The reporting role on a real server, for a login that may not take it: the error says how to
/// grant it, and the session keeps the role it had.
@Suite(.database) struct ReportAccessTests {
    @Test func aLoginThatIsNotAMemberOfTheReportingRoleIsToldHowToGrantIt() async throws {
        let connection = try await TestDatabase.connect()
        let outsider = "motcua_test_outsider_\(getpid())"
        try await connection.query("DROP ROLE IF EXISTS \(outsider)")
        try await connection.query("CREATE ROLE \(outsider) NOLOGIN")
        // As if the login were the outsider: SET ROLE asks whether the session's user is a member.
        try await connection.query("SET SESSION AUTHORIZATION \(outsider)")
        let error = await #expect(throws: MotCuaError.self) { try await ReportAccess.adopt(on: connection) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("the reports read as motcua_reporting, which this login may not take (permission denied"), "\(text)")
        #expect(text.contains("GRANT motcua_reporting TO the login"), "\(text)")
        let role: String = try await connection.query("SELECT current_user::text AS role").single().decode("role")
        #expect(role == outsider, "the session keeps the role it had")
        try await connection.query("RESET SESSION AUTHORIZATION")
        try await connection.query("DROP ROLE \(outsider)")
        await connection.close()
    }
}
