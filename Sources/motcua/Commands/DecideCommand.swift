import ArgumentParser
import Foundation
import MotCua

/// `motcua decide approve|sign|refuse CODE --officer ID`: an officer's decisions.
struct DecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "An officer's decision on the step of a dossier waiting in their department.",
        discussion: """
            Each decision is one transaction with its state change and its event; the route of the procedure \\
            version decides the next department, whose doorbell rings after the commit. Only an active officer \\
            of the department holding the step decides; a signature is signed by a leader. The officer is \\
            declared, not authenticated, until per-department database roles arrive.
            """,
        subcommands: [Approve.self, Sign.self, Refuse.self, RequestSupplement.self, SupplementReceived.self])

    /// The dossier and the deciding officer, shared by every decision.
    struct Target: ParsableArguments {
        @Argument(help: "The dossier code.")
        var code: String

        @Option(help: "The deciding officer's code in the catalog, for example stp.cb01.")
        var officer: String
    }

    static func run(_ action: OfficerDecision.Action, on target: Target, database: DatabaseOptions) async throws {
        let outcome = try await database.withConnection {
            try await OfficerDecision.decide(code: target.code, officer: target.officer, action: action, on: $0)
        }
        switch outcome {
        case .routed(let department): print("\(target.code): \(OfficerDecision.decisionName(action)); sent on to \(department)")
        case .resolved: print("\(target.code): \(OfficerDecision.decisionName(action)); resolved, the result waits at the desk")
        case .refused: print("\(target.code): refused; the dossier has ended")
        case .awaitingSupplement(let request):
            print(
                "\(target.code): supplement requested; the clock is paused until the desk records it"
                    + (request > 1 ? " (request \(request): by the national rule the dossier now counts as late)" : ""))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a review step: the route decides what comes next.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "A note for the process-control slip.")
        var note: String?

        func run() async throws {
            let note = try self.note.map { try FreeText.validate($0, field: "--note", maxLength: 1000) }
            try await DecideCommand.run(.approve(note: note), on: target, database: database)
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a signature step (a leader of the department).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "A note for the process-control slip.")
        var note: String?

        func run() async throws {
            let note = try self.note.map { try FreeText.validate($0, field: "--note", maxLength: 1000) }
            try await DecideCommand.run(.sign(note: note), on: target, database: database)
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse the dossier after review, with the reason given to the applicant; the dossier ends.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "Why, in full, as the applicant will read it.")
        var reason: String

        func run() async throws {
            try await DecideCommand.run(.refuse(reason: try FreeText.validate(reason, field: "--reason", maxLength: 2000)), on: target, database: database)
        }
    }

    struct RequestSupplement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask the applicant for every missing item, in full; the dossier's clock pauses.",
            discussion: "The rule is to ask once and in full: a second request is recorded, but by the national rule it makes the dossier late.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(name: .customLong("item"), help: "A missing or insufficient item, in full (repeat the flag for each).")
        var items: [String] = []

        @Option(help: "Why the items are needed, as the applicant will read it.")
        var reason: String

        func validate() throws {
            guard !items.isEmpty else { throw ValidationError("give every missing item with --item (repeat the flag)") }
        }

        func run() async throws {
            let items = try self.items.enumerated().map { try FreeText.validate($1, field: "--item \($0 + 1)", maxLength: 500) }
            let reason = try FreeText.validate(reason, field: "--reason", maxLength: 2000)
            try await DecideCommand.run(.requestSupplement(items: items, reason: reason), on: target, database: database)
        }
    }

    struct SupplementReceived: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "supplement-received",
            abstract: "Record at the desk the supplement an officer asked for: the clock runs again and the due date moves by the time paused.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        func run() async throws {
            let due = try await database.withConnection { try await SupplementDesk.receive(code: target.code, officer: target.officer, on: $0) }
            print("\(target.code): supplement received; back with the officer; appointment date now \(SlipFormat.format(due))")
        }
    }
}
