import ArgumentParser
import Foundation
import MotCua
import MotCuaBench

/// `motcua bench …`: benchmarks against a raw PostgreSQL baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure MotCua against raw PostgreSQL (pgbench) on the same database, interleaved.",
        subcommands: [Client.self, Intake.self, Queue.self, BenchReportCommand.self])

    /// Writes a benchmark's progress lines to standard error, keeping standard output for the
    /// report.
    static let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    /// The PostgreSQL settings a benchmark ran with, on one line.
    static func settingsLine(_ settings: [String: String]) -> String {
        "PostgreSQL settings: " + settings.keys.sorted().map { "\($0)=\(settings[$0]!)" }.joined(separator: " ")
    }

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
            let report = try await benchmark.run(progress: BenchCommand.progress)
            let table = Table(
                headers: ["workload", "client/s", "pgbench/s", "ratio"],
                rows: report.results.map {
                    [$0.workload, String(Int($0.clientMedian)), String(Int($0.pgbenchMedian)), String(format: "%.2f", $0.ratio)]
                })
            try output.emit(
                report,
                text: BenchCommand.settingsLine(report.settings) + "\none connection, \(rounds) interleaved rounds of \(seconds) s each side; medians\n\n"
                    + table.text(),
                csv: table.csv())
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
            let benchmark = IntakeBenchmark(
                conninfo: try database.location.conninfo(), executable: executable, rounds: rounds, seconds: seconds, concurrencies: levels)
            let report = try await benchmark.run(progress: BenchCommand.progress)
            let table = Table(
                headers: ["clients", "intake/s", "INSERT/s", "INSERT+NOTIFY/s", "intake÷INSERT"],
                rows: report.lines.map {
                    [
                        String($0.concurrency), String(Int($0.intakeMedian)), String(Int($0.insertMedian)), String(Int($0.insertNotifyMedian)),
                        String(format: "%.2f", $0.ratio),
                    ]
                })
            try output.emit(
                report,
                text: BenchCommand.settingsLine(report.settings)
                    + "\n\(report.procedures) procedures of \(report.agencies) agencies; \(rounds) interleaved rounds, \(seconds) s steps; medians\n\n"
                    + table.text(),
                csv: table.csv())
        }
    }

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Work items per second of worker processes vs their own statements and a raw claim-and-complete loop run by pgbench, and idle pickup latency.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Rounds; each runs every batch size and worker count (raw pgbench, statements pgbench, workers), then the pickup samples.")
        var rounds = 3
        @Option(help: "Seconds each step runs (pgbench exactly; workers about).")
        var seconds = 3
        @Option(help: "Comma-separated batch sizes (items claimed at once).")
        var batchSizes = "1,10,50"
        @Option(help: "Comma-separated numbers of worker processes (and pgbench clients).")
        var workers = "1,2,4"
        @Option(help: "Idle pickup samples per path, spread over the rounds.")
        var samples = 300

        static func numbers(_ list: String) -> [Int]? {
            let parts = list.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return numbers.count == parts.count && !numbers.isEmpty ? numbers : nil
        }

        func validate() throws {
            guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 20") }
            guard (1...120).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 120") }
            guard let sizes = Self.numbers(batchSizes), Set(sizes).count == sizes.count, sizes.allSatisfy({ (1...1000).contains($0) }) else {
                throw ValidationError("--batch-sizes must list different numbers from 1 to 1000, such as 1,10,50")
            }
            guard let counts = Self.numbers(workers), Set(counts).count == counts.count, counts.allSatisfy({ (1...32).contains($0) }) else {
                throw ValidationError("--workers must list different numbers from 1 to 32, such as 1,2,4")
            }
            guard (20...100_000).contains(samples) else { throw ValidationError("--samples must be between 20 and 100000") }
        }

        func run() async throws {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
            let benchmark = QueueBenchmark(
                conninfo: try database.location.conninfo(), executable: executable, rounds: rounds, seconds: seconds,
                batchSizes: Self.numbers(batchSizes)!, workerCounts: Self.numbers(workers)!, pickupSamples: samples)
            let report = try await benchmark.run(progress: BenchCommand.progress)
            try output.emit(
                report, text: Self.text(of: report, batchSizes: Self.numbers(batchSizes)!, rounds: rounds, seconds: seconds), csv: Self.csv(of: report))
        }

        static func csv(of report: QueueBenchmark.Report) -> String {
            let pickup = Dictionary(uniqueKeysWithValues: report.pickup.map { ($0.path, $0) })
            var rows = report.lines.flatMap { line in
                [("items_per_second", line.oursMedian, line.ratio), ("statements_items_per_second", line.statementsMedian, line.statementsRatio)].map {
                    [$0.0, String(line.batchSize), String(line.workers), String(Int($0.1)), String(Int(line.rawMedian)), String(format: "%.3f", $0.2)]
                }
            }
            if let worker = pickup["worker"], let raw = pickup["raw"] {
                for (measure, ours, bare) in [
                    ("pickup_from_commit_p50_ms", worker.p50, raw.p50), ("pickup_from_commit_p99_ms", worker.p99, raw.p99),
                    ("pickup_from_insert_p50_ms", worker.insertP50, raw.insertP50), ("pickup_from_insert_p99_ms", worker.insertP99, raw.insertP99),
                ] {
                    rows.append([
                        measure, "", "", String(format: "%.3f", ours), String(format: "%.3f", bare), String(format: "%.3f", bare > 0 ? ours / bare : 0),
                    ])
                }
            }
            return Table(headers: ["measure", "batch_size", "workers", "ours", "raw", "ratio"], rows: rows).csv()
        }

        static func text(of report: QueueBenchmark.Report, batchSizes: [Int], rounds: Int, seconds: Int) -> String {
            var out = [BenchCommand.settingsLine(report.settings)]
            out.append(
                """
                no-op one-step work items; \(rounds) interleaved rounds, \(seconds) s steps; medians
                ours: motcua worker processes; statements: the worker's claim and completion statements run by pgbench, without the worker;
                raw: pgbench claim-and-complete statement on a bare queue table
                """)
            for batchSize in batchSizes {
                out.append("\nbatch size \(batchSize)")
                out.append(
                    Table(
                        headers: ["workers", "ours items/s", "statements items/s", "raw items/s", "ours÷raw", "statements÷raw"],
                        rows: report.lines.filter { $0.batchSize == batchSize }.map {
                            [
                                String($0.workers), String(Int($0.oursMedian)), String(Int($0.statementsMedian)), String(Int($0.rawMedian)),
                                String(format: "%.2f", $0.ratio), String(format: "%.2f", $0.statementsRatio),
                            ]
                        }
                    ).text())
            }
            out.append("\nidle pickup latency to the claim (server clock), from the new item's commit, and from its insert (durable commit included)")
            out.append(
                Table(
                    headers: ["path", "samples", "commit p50 ms", "commit p99 ms", "commit max ms", "insert p50 ms", "insert p99 ms"],
                    rows: report.pickup.map {
                        [$0.path == "raw" ? "raw LISTEN + claim" : "motcua worker", String($0.samples)]
                            + [$0.p50, $0.p99, $0.max, $0.insertP50, $0.insertP99].map { String(format: "%.2f", $0) }
                    }
                ).text())
            return out.joined(separator: "\n")
        }
    }
}
