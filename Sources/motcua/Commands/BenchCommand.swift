import ArgumentParser
import Foundation
import MotCua

/// `motcua bench …`: benchmarks against a raw PostgreSQL baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure MotCua against raw PostgreSQL (pgbench) on the same database, interleaved.",
        subcommands: [Client.self, Intake.self])

    struct Client: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Single-connection statement and transaction rates of the client vs pgbench.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Rounds per workload; each round runs pgbench then the client.")
        var rounds = 5

        @Option(help: "Seconds each side runs per round.")
        var seconds = 3

        func validate() throws {
            guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 100") }
            guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 600") }
        }

        func run() async throws {
            let benchmark = ClientBenchmark(conninfo: try database.location.conninfo(), rounds: rounds, seconds: seconds)
            let report = try await benchmark.run { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            let table = Table(headers: ["workload", "client/s", "pgbench/s", "ratio"], rows: report.results.map {
                [$0.workload, String(Int($0.clientMedian)), String(Int($0.pgbenchMedian)), String(format: "%.2f", $0.ratio)]
            })
            switch output.format {
            case .json: print(try jsonText(report))
            case .csv: print(table.csv())
            case .text:
                print("PostgreSQL settings: " + report.settings.keys.sorted().map { "\($0)=\(report.settings[$0]!)" }.joined(separator: " "))
                print("one connection, \(rounds) interleaved rounds of \(seconds) s each side; medians\n")
                print(table.text())
            }
        }
    }

    struct Intake: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dossiers received per second by concurrent intake processes vs pgbench INSERT and INSERT+NOTIFY.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Rounds; each runs every concurrency (pgbench INSERT, INSERT+NOTIFY, then intake).")
        var rounds = 3
        @Option(help: "Seconds each step runs (pgbench exactly; intake about).")
        var seconds = 3
        @Option(help: "Comma-separated numbers of concurrent clients/processes.")
        var concurrency = "1,2,4,8"

        var levels: [Int] { concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            guard (1...50).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 50") }
            guard (1...120).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 120") }
            guard !levels.isEmpty, levels.count == concurrency.split(separator: ",").count, levels.allSatisfy({ (1...64).contains($0) }) else {
                throw ValidationError("--concurrency must list numbers from 1 to 64, such as 1,2,4,8")
            }
            guard rounds * levels.count <= 20 else {
                throw ValidationError("at most 20 steps (rounds × concurrency levels): each step submits on days of its own within the catalog's validity")
            }
        }

        func run() async throws {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
            let benchmark = IntakeBenchmark(conninfo: try database.location.conninfo(), executable: executable, rounds: rounds, seconds: seconds, concurrencies: levels)
            let report = try await benchmark.run { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            let table = Table(headers: ["clients", "intake/s", "INSERT/s", "INSERT+NOTIFY/s", "intake÷INSERT"], rows: report.lines.map {
                [String($0.concurrency), String(Int($0.intakeMedian)), String(Int($0.insertMedian)), String(Int($0.insertNotifyMedian)), String(format: "%.2f", $0.ratio)]
            })
            switch output.format {
            case .json: print(try jsonText(report))
            case .csv: print(table.csv())
            case .text:
                print("PostgreSQL settings: " + report.settings.keys.sorted().map { "\($0)=\(report.settings[$0]!)" }.joined(separator: " "))
                print("\(report.procedures) procedures of \(report.agencies) agencies; \(rounds) interleaved rounds, \(seconds) s steps; medians\n")
                print(table.text())
            }
        }
    }
}
