import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The reporting role on a real server: a login that may not take it is told how to grant it
/// and keeps the role it had; one that may reads as the role, without parallel workers.
@Suite(.database) struct ReportAccessTests {
    @Test func aLoginThatMayNotTakeTheReportingRoleIsToldHowToGrantItAndOneThatMayReadsAsIt() async throws {
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
        // A login that may: the session reads as the role, without parallel workers.
        try await ReportAccess.adopt(on: connection)
        let session = try await connection.query(
            "SELECT current_user::text AS role, current_setting('max_parallel_workers_per_gather') AS workers"
        ).single()
        #expect(try session.decode("role", as: String.self) == ReportAccess.role && session.decode("workers", as: String.self) == "0")
        try await connection.query("RESET ROLE")
        try await connection.query("DROP ROLE \(outsider)")
        await connection.close()
    }
}
