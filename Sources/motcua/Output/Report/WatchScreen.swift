import ArgumentParser
import Foundation
import MotCua
import Postgres

/// `--watch`, shared by the screens that redraw.
struct WatchOptions: ParsableArguments {
    @Flag(help: "Redraw whenever dossiers move (the event log's watermark, read every second), until Ctrl-C.")
    var watch = false

    /// Refuses --watch with an export format.
    func check(_ output: ReportOutputOptions) throws {
        if watch && output.format != .text { throw ValidationError("--watch redraws the table; it takes no --format \(output.format.rawValue)") }
    }
}

/// A report screen that redraws in place whenever an event is written (``ReportWatermark``,
/// read every second: one index step), and at least every few seconds for the clock's
/// passing: the cursor goes home and each line overwrites the last frame's, so nothing flickers.
enum WatchScreen {
    /// How often the watermark is read.
    static let poll: Duration = .seconds(1)
    /// The longest wait between two redraws.
    static let idle: Duration = .seconds(15)

    static func run(database: DatabaseOptions, frame: @escaping (Connection) async throws -> String) async throws {
        try await database.withReportingConnection { connection in
            FileHandle.standardOutput.write(Data("\u{1B}[2J".utf8))
            var previous: String?
            while !Task.isCancelled {
                let seen = try await ReportWatermark.read(on: connection)
                let text = try await frame(connection) + "\n(--watch: vẽ lại khi hồ sơ thay đổi; Ctrl-C để thoát)"
                if text != previous {
                    draw(text)
                    previous = text
                }
                var waited: Duration = .zero
                while waited < idle, try await ReportWatermark.read(on: connection) == seen {
                    try await Task.sleep(for: poll)
                    waited += poll
                }
            }
        }
    }

    /// Overwrites the screen from the top: every line cleared to its end, the rest below cleared.
    static func draw(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\u{1B}[K" }
        // One write, unbuffered, so a frame never shows half drawn.
        FileHandle.standardOutput.write(Data(("\u{1B}[H" + lines.joined(separator: "\n") + "\n\u{1B}[J").utf8))
    }
}
