import ArgumentParser
import Foundation
import MotCua

/// `motcua bench …`: benchmarks against a raw PostgreSQL baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure MotCua against raw PostgreSQL (pgbench) on the same database, interleaved.",
        subcommands: [Client.self])

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
}
