import Postgres
import TestSupport
import Testing

@Suite(.database) struct SessionSettingsTests {
    @Test func settingsApplyAtConnectAndAgainAfterAReconnect() async throws {
        let settings = [(name: "plan_cache_mode", value: "force_generic_plan"), (name: "application_name", value: "settings test")]
        let connection = try await Connection.connect(TestDatabase.database.conninfo, settings: settings)
        let admin = try await TestDatabase.connect()
        func current() async throws -> [String] {
            let row = try await connection.query(
                "SELECT current_setting('plan_cache_mode') AS mode, current_setting('application_name') AS name"
            ).single()
            return [try row.decode("mode"), try row.decode("name")]
        }
        #expect(try await current() == ["force_generic_plan", "settings test"])

        try await admin.query("SELECT pg_terminate_backend($1)", [await connection.backendPID])
        _ = try? await connection.query("SELECT 1")  // notices the broken connection
        #expect(try await current() == ["force_generic_plan", "settings test"], "a new session gets the settings again")
        await connection.close()
        await admin.close()
    }

    @Test func anUnknownSettingFailsTheConnect() async throws {
        let error = try await #require(throws: PostgresError.self) {
            _ = try await Connection.connect(TestDatabase.database.conninfo, settings: [(name: "plan_cache_mode", value: "sometimes")])
        }
        #expect(error.message.contains("plan_cache_mode"), "\(error)")
    }
}
