import Foundation
import Postgres

/// The one clock of every business time: `motcua_now()` in the database, which is the server's
/// time unless a simulated clock is set for the database (tests, drills, demos). Every process
/// on a database reads the same clock, and SQL calls `motcua_now()` itself, so the same
/// statements run in production and in simulation.
///
/// Leases, heartbeats, retry backoff and worker liveness do not use it: they keep the server's
/// real `now()`, because they guard against real stalls (docs/ARCHITECTURE.md, "The clock").
public enum DatabaseClock {
    /// What the clock reads and whether it is simulated.
    public struct Reading: Sendable, Equatable, Codable {
        /// The business time now.
        public let now: Date
        /// True when a simulated clock is set for the database.
        public let simulated: Bool
        /// Simulated seconds per real second (1 when not simulated).
        public let rate: Double
    }

    /// The business time now (the start of the current transaction, as `now()`).
    public static func now(on connection: isolated Connection) throws -> Date {
        try connection.query(nowStatement).single().decode("now")
    }

    static let nowStatement = "SELECT motcua_now() AS now"

    /// The business time with how it is kept.
    public static func read(on connection: isolated Connection) throws -> Reading {
        let row = try connection.query(readStatement).single()
        return Reading(now: try row.decode("now"), simulated: try row.decode("simulated"), rate: try row.decode("rate"))
    }

    static let readStatement =
        "SELECT motcua_now() AS now, c.rate IS NOT NULL AS simulated, coalesce(c.rate, 1) AS rate FROM (SELECT 1) AS one LEFT JOIN simulated_clock c ON true"

    /// The range a simulated clock may be set in: from the year the center opened to 2100.
    public static let simulatedRange = Date(timeIntervalSince1970: 946_684_800)...Date(timeIntervalSince1970: 4_102_444_800)

    /// Sets the database's simulated clock to `instant`, flowing at `rate` simulated seconds per
    /// real second from now on (0 freezes it). Every process on the database sees it at once.
    public static func simulate(at instant: Date, rate: Double = 1, on connection: isolated Connection) throws {
        guard simulatedRange.contains(instant) else {
            throw MotCuaError.invalidInput(field: "simulated clock", reason: "must be between 2000-01-01 and 2100-01-01")
        }
        guard (0...1_000_000).contains(rate) else {
            throw MotCuaError.invalidInput(field: "simulated clock rate", reason: "must be between 0 and 1000000 simulated seconds per second")
        }
        try connection.query(simulateStatement, [instant, rate])
    }

    /// `$1` the simulated instant now, `$2` rate (simulated seconds per real second).
    static let simulateStatement = """
        INSERT INTO simulated_clock (anchor, set_at, rate) VALUES ($1, now(), $2)
        ON CONFLICT (singleton) DO UPDATE SET anchor = EXCLUDED.anchor, set_at = EXCLUDED.set_at, rate = EXCLUDED.rate
        """

    /// Moves the simulated clock on by `seconds` of simulated time, keeping its rate. Refused
    /// when no simulated clock is set.
    public static func advance(bySeconds seconds: Double, on connection: isolated Connection) throws {
        let moved = try connection.query(advanceStatement, [seconds]).affectedRows
        guard moved == 1 else {
            throw MotCuaError.invalidInput(field: "simulated clock", reason: "is not set; set it first with `motcua clock set INSTANT`")
        }
    }

    /// `$1` seconds of simulated time.
    static let advanceStatement = "UPDATE simulated_clock SET anchor = anchor + (now() - set_at) * rate + make_interval(secs => $1), set_at = now()"

    /// Removes the simulated clock: the database's business time is the server's again.
    public static func useServerTime(on connection: isolated Connection) throws {
        try connection.query(useServerTimeStatement)
    }

    static let useServerTimeStatement = "DELETE FROM simulated_clock"
}
