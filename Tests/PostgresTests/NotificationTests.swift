import Postgres
import TestSupport
import Testing

@Suite(.database) struct NotificationTests {
    @Test func listenReceivesNotifyFromAnotherConnection() async throws {
        let listener = try await TestDatabase.connect()
        let sender = try await TestDatabase.connect()
        try await listener.listen("motcua_dept_stc")
        try await sender.notify("motcua_dept_stc", payload: "wake")
        let received = try await listener.notifications(timeout: .seconds(10))
        #expect(received.count == 1)
        #expect(received.first?.channel == "motcua_dept_stc")
        #expect(received.first?.payload == "wake")
        #expect(received.first?.senderPID == (await sender.backendPID))
        await listener.close()
        await sender.close()
    }

    @Test func aBurstArrivesAsOneWakeUp() async throws {
        let listener = try await TestDatabase.connect()
        let sender = try await TestDatabase.connect()
        try await listener.listen("burst")
        try await sender.transaction { connection in
            for index in 0..<5 { try connection.notify("burst", payload: String(index)) }
        }
        let received = try await listener.notifications(timeout: .seconds(10))
        #expect(received.map(\.payload) == ["0", "1", "2", "3", "4"])
        await listener.close()
        await sender.close()
    }

    @Test func unlistenStopsDelivery() async throws {
        let listener = try await TestDatabase.connect()
        let sender = try await TestDatabase.connect()
        try await listener.listen("a")
        try await listener.listen("b")
        try await listener.unlisten("a")
        #expect(await listener.listenedChannels == ["b"])
        try await sender.notify("a")
        try await sender.notify("b")
        let received = try await listener.notifications(timeout: .seconds(10))
        #expect(received.map(\.channel) == ["b"])
        await listener.close()
        await sender.close()
    }

    @Test func timesOutWithNothing() async throws {
        let listener = try await TestDatabase.connect()
        try await listener.listen("quiet")
        let received = try await listener.notifications(timeout: .milliseconds(50))
        #expect(received.isEmpty)
        await listener.close()
    }

    @Test func interruptEndsTheWaitAtOnce() async throws {
        let listener = try await TestDatabase.connect()
        try await listener.listen("quiet")
        let waiting = Task { try await listener.notifications(timeout: .seconds(600)) }
        try await Task.sleep(for: .milliseconds(100))
        listener.interruptWait()
        #expect(try await waiting.value.isEmpty)
        await listener.close()
    }

    @Test func cancellationEndsTheWait() async throws {
        let listener = try await TestDatabase.connect()
        try await listener.listen("quiet")
        let waiting = Task { try await listener.notifications(timeout: .seconds(600)) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        #expect(try await waiting.value.isEmpty)
        await listener.close()
    }

    @Test func terminatedBackendIsRecoveredWithListenReestablished() async throws {
        let listener = try await TestDatabase.connect()
        let admin = try await TestDatabase.connect()
        try await listener.listen("motcua_dept_thue")
        let oldPID = await listener.backendPID
        try await admin.query("SELECT pg_terminate_backend($1)", [oldPID])

        // The wait notices the broken connection and says so.
        let lost = try await #require(throws: PostgresError.self) {
            for _ in 0..<50 { _ = try await listener.notifications(timeout: .milliseconds(200)) }
        }
        #expect(lost.isConnectionProblem)

        // The next call reconnects and listens again on the same channel.
        _ = try await listener.notifications(timeout: .milliseconds(10))
        let newPID = await listener.backendPID
        #expect(newPID != oldPID && newPID != 0)
        #expect(await listener.listenedChannels == ["motcua_dept_thue"])
        try await admin.notify("motcua_dept_thue", payload: "after")
        var received: [PostgresNotification] = []
        for _ in 0..<20 where received.isEmpty { received = try await listener.notifications(timeout: .milliseconds(500)) }
        #expect(received.map(\.payload) == ["after"])
        await listener.close()
        await admin.close()
    }

    @Test func queryAfterTerminationReconnects() async throws {
        let connection = try await TestDatabase.connect()
        let admin = try await TestDatabase.connect()
        let pid = await connection.backendPID
        try await admin.query("SELECT pg_terminate_backend($1)", [pid])
        let error = try await #require(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(error.isConnectionProblem)
        #expect(try await connection.query("SELECT 2 AS v").single().decode("v", as: Int.self) == 2)
        await connection.close()
        await admin.close()
    }
}
