import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The business clock: the server's time, or a simulated clock every session of the database
/// shares.
@Suite(.database) struct DatabaseClockTests {
    /// 19:30 on Wednesday 29 April 2026 in Vietnam: after office hours, on the eve of 30/4.
    static let holidayEve = Date(timeIntervalSince1970: 1_777_465_800)

    @Test func aSimulatedClockIsSeenByEverySessionAndFlowsAtItsRate() async throws {
        let connection = try await TestDatabase.connect()
        let other = try await TestDatabase.connect()
        try await DatabaseClock.simulate(at: Self.holidayEve, rate: 0, on: connection)
        #expect(try await DatabaseClock.now(on: other) == Self.holidayEve)
        let reading = try await DatabaseClock.read(on: other)
        #expect(reading.simulated && reading.rate == 0)
        try await DatabaseClock.advance(bySeconds: 3600, on: connection)
        #expect(try await DatabaseClock.now(on: other) == Self.holidayEve.addingTimeInterval(3600))
        try await DatabaseClock.simulate(at: Self.holidayEve, rate: 1, on: connection)
        let flowing = try await DatabaseClock.now(on: other)
        #expect(flowing >= Self.holidayEve && flowing < Self.holidayEve.addingTimeInterval(60))
        try await DatabaseClock.useServerTime(on: connection)
        let server: Bool = try await other.query("SELECT motcua_now() = now() AS same").single().decode("same")
        #expect(server)
        #expect(try await DatabaseClock.read(on: other).simulated == false)
        await connection.close()
        await other.close()
    }

    @Test func advancingWithoutASimulatedClockIsRefused() async throws {
        let connection = try await TestDatabase.connect()
        try await DatabaseClock.useServerTime(on: connection)
        let error = try await #require(throws: MotCuaError.self) { try await DatabaseClock.advance(bySeconds: 60, on: connection) }
        #expect(error.description.contains("motcua clock set"))
        await connection.close()
    }

    @Test func anInstantOutsideTheSupportedRangeIsRefused() async throws {
        let connection = try await TestDatabase.connect()
        await #expect(throws: MotCuaError.self) {
            try await DatabaseClock.simulate(at: Date(timeIntervalSince1970: 0), on: connection)
        }
        await connection.close()
    }

    /// A dossier handed in on the holiday eve at 19:30 is received on Monday 4 May (30/4 and
    /// 1/5 are holidays, then a weekend): its code, its received_at and its events all carry
    /// that receipt, and its events carry the simulated time.
    @Test func intakeOnTheSimulatedClockTakesItsTimeAndItsCodeDayFromIt() async throws {
        let connection = try await TestDatabase.connect()
        try await DatabaseClock.simulate(at: Self.holidayEve, rate: 0, on: connection)
        let receipt = try await IntakeService().submit(try await SampleIntake.make("2.001610", on: connection), on: connection)
        #expect(receipt.submittedAt == Self.holidayEve)
        #expect(receipt.dossierCode.contains("-260504-"))
        #expect(receipt.receivedAt.map(VietnamTime.day(of:))?.description == "2026-05-04")
        let eventTimes: [Date] = try await connection.query("SELECT at FROM dossier_event").map { try $0.decode("at") }
        #expect(!eventTimes.isEmpty && eventTimes.allSatisfy { $0 == Self.holidayEve })
        await connection.close()
    }
}
