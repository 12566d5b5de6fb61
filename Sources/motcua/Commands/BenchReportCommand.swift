import ArgumentParser
import Foundation
import MotCua
import MotCuaBench

/// `motcua bench report`: the report commands' reads against a naive recomputation from the
/// event log, at growing numbers of dossiers.
struct BenchReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Each report's read at 1M and 3M dossiers (COPY-loaded histories) vs a naive recomputation from the events, interleaved; then report verify.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Comma-separated numbers of dossiers, loaded one after the other into the same database.")
    var sizes = "1000000,3000000"
    @Option(help: "Rounds; each reads every report \(ReportBenchmark.readsPerRound) times, then runs its naive recomputation once.")
    var rounds = 3
    @Option(help: "Years of history the dossiers are spread over.")
    var years = 5
    @Option(help: "Seed of the histories.")
    var seed: UInt64 = 766
    @Flag(help: "Skip `report verify` after each size (it replays every event).")
    var skipVerify = false

    func validate() throws {
        guard let list = BenchCommand.Queue.numbers(sizes), list.allSatisfy({ (1_000...10_000_000).contains($0) }), list == list.sorted(),
            Set(list).count == list.count
        else { throw ValidationError("--sizes must list growing numbers of dossiers from 1000 to 10000000, such as 1000000,3000000") }
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 20") }
        guard (1...20).contains(years) else { throw ValidationError("--years must be between 1 and 20") }
    }

    func run() async throws {
        let benchmark = ReportBenchmark(
            conninfo: try database.location.conninfo(), sizes: BenchCommand.Queue.numbers(sizes)!, rounds: rounds, years: years, seed: seed,
            verify: !skipVerify)
        let report = try await benchmark.run(progress: BenchCommand.progress)
        let rows = report.sizes.flatMap { size in
            size.timings.map {
                [
                    String(size.dossiers), $0.report, String(format: "%.1f", $0.oursMedianMs), String(format: "%.0f", $0.naiveMedianMs),
                    String(format: "%.0f", $0.speedup),
                ]
            }
        }
        let table = Table(headers: ["dossiers", "report", "ours ms", "naive ms", "naive÷ours"], rows: rows)
        var text = [
            BenchCommand.settingsLine(report.settings),
            "histories from \(report.historyFrom) to \(SlipFormat.format(report.asOf)); \(rounds) interleaved rounds (ours read \(ReportBenchmark.readsPerRound) times, then naive once); medians",
            "",
        ]
        for size in report.sizes {
            text.append(
                "\(size.dossiers) dossiers, \(size.events) events: the new ones loaded by COPY in \(String(format: "%.0f", size.loadSeconds)) s (\(String(format: "%.0f", size.loadEventsPerSecond)) events/s, projection trigger included); \(size.rollupRows) rollup rows"
                    + (size.verifyAgrees.map { ", report verify \($0 ? "agrees" : "DISAGREES") (\(String(format: "%.0f", size.verifySeconds ?? 0)) s)" } ?? ""))
            text += size.verifyDifferences.map { "  \($0)" }
        }
        text += ["", table.text()]
        if let first = report.sizes.first, let last = report.sizes.last, report.sizes.count > 1 {
            text += [
                "",
                "growth from \(first.dossiers) to \(last.dossiers) dossiers (data × \(String(format: "%.1f", Double(last.events) / Double(max(first.events, 1)))))",
            ]
            text.append(
                Table(
                    headers: ["report", "ours ×", "naive ×"],
                    rows: zip(first.timings, last.timings).map {
                        [
                            $0.report, String(format: "%.2f", $1.oursMedianMs / max($0.oursMedianMs, 0.001)),
                            String(format: "%.2f", $1.naiveMedianMs / max($0.naiveMedianMs, 0.001)),
                        ]
                    }
                ).text())
        }
        try output.emit(report, text: text.joined(separator: "\n"), csv: table.csv())
        if report.sizes.contains(where: { $0.verifyAgrees != true && !skipVerify }) { throw ExitCode(1) }
    }
}
