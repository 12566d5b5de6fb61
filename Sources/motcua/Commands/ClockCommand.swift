import ArgumentParser
import Foundation
import MotCua

/// `motcua clock show|set|advance|reset`: the database's business clock.
struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show the database's business clock, or simulate one for tests, drills and demos.",
        discussion: """
            Every business time (receipt, deadlines, events, overdue checks) comes from the \
            database's clock: the server's time, unless a simulated clock is set for the \
            database. Every process using the database sees a simulated clock at once. Never \
            simulate the clock of a production database. Leases and heartbeats always keep real time.
            """,
        subcommands: [Show.self, Set.self, Advance.self, Reset.self],
        defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the business time now and whether it is simulated.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let reading = try await database.withConnection { try await DatabaseClock.read(on: $0) }
            try output.emit(
                reading,
                table: Table(
                    headers: ["now", "Vietnam", "kept by", "rate"],
                    rows: [
                        [
                            ISO8601DateFormatter().string(from: reading.now), SlipFormat.format(reading.now),
                            reading.simulated ? "simulated clock" : "server", String(reading.rate),
                        ]
                    ]))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a simulated clock: the business time becomes INSTANT and flows on from there.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The instant, ISO 8601 with its offset, such as 2026-04-29T19:30:00+07:00.")
        var instant: String

        @Option(help: "Simulated seconds per real second: 1 flows like real time, 0 freezes the clock, 60 runs a minute a second.")
        var rate: Double = 1

        func validate() throws {
            guard ISO8601DateFormatter().date(from: instant) != nil else {
                throw ValidationError("INSTANT must be ISO 8601 with an offset, such as 2026-04-29T19:30:00+07:00")
            }
            guard (0...1_000_000).contains(rate) else { throw ValidationError("--rate must be between 0 and 1000000") }
        }

        func run() async throws {
            let when = ISO8601DateFormatter().date(from: instant)!
            try await database.withConnection { try await DatabaseClock.simulate(at: when, rate: rate, on: $0) }
            print("simulated clock set to \(SlipFormat.format(when)) (Vietnam), rate \(rate)")
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the simulated clock on by a duration of simulated time.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "How far: a number with a unit, such as 90s, 45m, 8h or 3d.")
        var duration: String

        func validate() throws {
            guard Self.seconds(duration) != nil else {
                throw ValidationError("DURATION must be a positive number with a unit s, m, h or d, such as 8h")
            }
        }

        static func seconds(_ text: String) -> Double? {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value > 0, value <= 36_500 * 86_400 / unit else {
                return nil
            }
            return value * unit
        }

        func run() async throws {
            let seconds = Self.seconds(duration)!
            let now = try await database.withConnection { connection in
                try await DatabaseClock.advance(bySeconds: seconds, on: connection)
                return try await DatabaseClock.now(on: connection)
            }
            print("simulated clock moved on to \(SlipFormat.format(now)) (Vietnam)")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the simulated clock: business time is the server's again.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withConnection { try await DatabaseClock.useServerTime(on: $0) }
            print("the business clock is the server's time")
        }
    }
}
