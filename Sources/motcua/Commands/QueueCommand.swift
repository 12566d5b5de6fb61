import ArgumentParser
import Foundation
import MotCua

/// `motcua queue …`: supervising department queues.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Supervise department queues: list work, see worker counters, retry or release items.",
        subcommands: [List.self, Stats.self, Retry.self, Release.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A department's live work items: overdue first, then due soonest.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "The department code, for example STC.")
        var department: String

        @Option(help: "Only items in this state: ready, claimed, assigned or needs_attention.")
        var state: String?

        @Option(help: "At most this many items.")
        var limit = 200

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
            if let state, !QueueSupervision.liveStates.contains(state) {
                throw ValidationError("--state must be one of \(QueueSupervision.liveStates.joined(separator: ", "))")
            }
        }

        func run() async throws {
            let connection = try await database.connectMigrated()
            let lines: [QueueSupervision.Line]
            do {
                lines = try await QueueSupervision.list(department: department, state: state, limit: limit, on: connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
            let table = Table(headers: ["id", "dossier", "step", "kind", "state", "attempts", "due", "officer", "last error"], rows: lines.map {
                [String($0.id), $0.dossierCode, String($0.step), $0.kind, $0.state + ($0.overdue ? " (overdue)" : ""), String($0.attempts),
                 $0.dueDate?.description ?? "", $0.assignedOfficer ?? "", $0.lastError.map { String($0.prefix(60)) } ?? ""]
            })
            switch output.format {
            case .text: print(table.text())
            case .csv: print(table.csv())
            case .json: print(try jsonText(lines))
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per department: queue depth, oldest ready age, and the workers' counters.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let connection = try await database.connectMigrated()
            let stats = try await QueueSupervision.stats(on: connection)
            await connection.close()
            let table = Table(
                headers: ["department", "ready", "claimed", "assigned", "attention", "oldest ready s", "workers", "claimed total", "completed total", "retried", "rescued"],
                rows: stats.map {
                    [$0.department, String($0.ready), String($0.claimed), String($0.assigned), String($0.needsAttention),
                     String(format: "%.1f", $0.oldestReadySeconds), String($0.workers), String($0.claimedTotal),
                     String($0.completedTotal), String($0.retriedTotal), String($0.rescuedTotal)]
                })
            switch output.format {
            case .text: print(table.text())
            case .csv: print(table.csv())
            case .json: print(try jsonText(stats))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an item that needs attention (or waits for a retry) ready now, with fresh attempts.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The work item ID (from `motcua queue --department CODE`).")
        var id: Int64

        func run() async throws {
            let connection = try await database.connectMigrated()
            let done = try await QueueSupervision.retry(id: id, on: connection)
            await connection.close()
            guard done else { throw MotCuaError.invalidInput(field: "work item \(id)", reason: "is not waiting for a retry or for attention; see `motcua queue --department CODE`") }
            print("work item \(id) is ready again")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an item back from its worker or officer and make it ready.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The work item ID.")
        var id: Int64

        func run() async throws {
            let connection = try await database.connectMigrated()
            let done = try await QueueSupervision.release(id: id, on: connection)
            await connection.close()
            guard done else { throw MotCuaError.invalidInput(field: "work item \(id)", reason: "is not held by a worker or an officer (completed or unknown)") }
            print("work item \(id) released; it is ready again")
        }
    }
}
