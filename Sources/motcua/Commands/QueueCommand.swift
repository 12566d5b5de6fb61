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
            if let state, !WorkItemState.live.map(\.rawValue).contains(state) {
                throw ValidationError("--state must be one of \(WorkItemState.live.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let lines = try await database.withConnection { connection in
                try await QueueSupervision.list(department: department, state: state.flatMap(WorkItemState.init(rawValue:)), limit: limit, on: connection)
            }
            try output.emit(
                lines,
                table: Table(
                    headers: ["id", "dossier", "step", "kind", "state", "attempts", "due", "officer", "last error"],
                    rows: lines.map {
                        [
                            String($0.id), $0.dossierCode, String($0.step), $0.kind.rawValue, $0.state.rawValue + ($0.overdue ? " (overdue)" : ""),
                            String($0.attempts),
                            $0.dueDate?.description ?? "", $0.assignedOfficer ?? "", $0.lastError.map { String($0.prefix(60)) } ?? "",
                        ]
                    }))
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per department: queue depth, oldest ready age, and the workers' counters.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let stats = try await database.withConnection { try await QueueSupervision.stats(on: $0) }
            try output.emit(
                stats,
                table: Table(
                    headers: [
                        "department", "ready", "claimed", "assigned", "attention", "oldest ready s", "workers", "claimed total", "completed total", "retried",
                        "rescued",
                    ],
                    rows: stats.map {
                        [
                            $0.department, String($0.ready), String($0.claimed), String($0.assigned), String($0.needsAttention),
                            String(format: "%.1f", $0.oldestReadySeconds), String($0.workers), String($0.claimedTotal),
                            String($0.completedTotal), String($0.retriedTotal), String($0.rescuedTotal),
                        ]
                    }))
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an item that needs attention (or waits for a retry) ready now, with fresh attempts.",
            discussion: "Writes a `retried` event with the actor, in the same transaction.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: "The work item ID (from `motcua queue --department CODE`).")
        var id: Int64

        func run() async throws {
            try await database.withConnection { try await QueueSupervision.retry(id: id, actor: actor.actor, on: $0) }
            print("work item \(id) is ready again")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an item back from its worker or officer and make it ready.",
            discussion:
                "An item taken from an officer puts its dossier back in the queue (routed). Writes a `released` event with the actor, in the same transaction.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: "The work item ID.")
        var id: Int64

        func run() async throws {
            try await database.withConnection { try await QueueSupervision.release(id: id, actor: actor.actor, on: $0) }
            print("work item \(id) released; it is ready again")
        }
    }
}
