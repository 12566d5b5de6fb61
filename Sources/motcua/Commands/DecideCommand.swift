import ArgumentParser
import CivilTime
import Foundation
import MotCua

/// `motcua decide <action> CODE --officer ID …`: an officer's decisions, one subcommand per action.
struct DecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "An officer's decision on the step of a dossier waiting in their department.",
        discussion: """
            Each decision is one transaction with its state change and its event; the route of the procedure \
            version decides the next department, whose doorbell rings after the commit. Only an active officer \
            of the department holding the step decides; a signature is signed by a leader. The officer is \
            declared, not authenticated, until per-department database roles arrive.
            """,
        subcommands: [
            Approve.self, Sign.self, Refuse.self, RequestSupplement.self, SupplementReceived.self, RequestPayment.self, PaymentReceived.self, Consult.self,
            Answer.self, Withdraw.self, Stop.self, Apologise.self, ReturnResult.self,
        ])

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

    /// `--note`, shared by the decisions that complete a step.
    struct NoteOptions: ParsableArguments {
        @Option(help: "A note for the process-control slip.")
        var note: String?

        /// The note, checked as free text.
        func validated() throws -> String? { try note.map { try FreeText.validate($0, field: "--note", maxLength: 1000) } }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a review step: the route decides what comes next.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @OptionGroup var note: NoteOptions

        func run() async throws {
            try await DecideCommand.run(.approve(note: try note.validated()), on: target, database: database)
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a signature step (a leader of the department).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @OptionGroup var note: NoteOptions

        func run() async throws {
            try await DecideCommand.run(.sign(note: try note.validated()), on: target, database: database)
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

    struct RequestPayment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request-payment",
            abstract: "Ask the applicant to pay the procedure's fee or an assessed tax; the dossier waits for the payment.",
            discussion: "The clock stands still meanwhile when the procedure says so (payment_pauses_clock in the catalog).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "The amount to pay, in VND.")
        var amount: Int

        @Option(help: "What is paid, as the applicant will read it (the fee, the registration fee, the personal income tax …).")
        var item: String

        func validate() throws {
            guard amount > 0 else { throw ValidationError("--amount must be a positive amount in VND, e.g. --amount 150000") }
        }

        func run() async throws {
            let item = try FreeText.validate(item, field: "--item", maxLength: 500)
            let request = try await database.withConnection {
                try await PaymentDesk.request(code: target.code, officer: target.officer, amount: amount, item: item, on: $0)
            }
            print(
                "\(target.code): payment of \(amount) VND requested; "
                    + (request.pausesClock ? "the clock stands still until it is paid" : "the clock keeps running (the procedure does not pause for it)"))
        }
    }

    struct PaymentReceived: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payment-received", abstract: "Record the applicant's payment: the step is back with its officer.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "How it was paid: online, desk or bank.")
        var channel: String

        @Option(help: "The receipt or transaction number.")
        var reference: String

        func validate() throws {
            guard PaymentDesk.Channel(rawValue: channel) != nil else { throw ValidationError("--channel must be online, desk or bank") }
        }

        func run() async throws {
            let reference = try FreeText.validate(reference, field: "--reference", maxLength: 200)
            let due = try await database.withConnection {
                try await PaymentDesk.receive(
                    code: target.code, officer: target.officer, channel: PaymentDesk.Channel(rawValue: channel)!, reference: reference, on: $0)
            }
            print("\(target.code): payment recorded; back with the officer; appointment date \(due.map(SlipFormat.format) ?? "—")")
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the applicant's request to withdraw the dossier; its steps leave every queue.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "The reference of the applicant's written request.")
        var reference: String

        func run() async throws {
            let reference = try FreeText.validate(reference, field: "--reference", maxLength: 200)
            try await database.withConnection { try await DossierClosing.withdraw(code: target.code, officer: target.officer, reference: reference, on: $0) }
            print("\(target.code): withdrawn at the applicant's request (\(reference))")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop processing the dossier for a legal reason; its steps leave every queue.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "The legal reason, as the applicant will read it.")
        var reason: String

        func run() async throws {
            let reason = try FreeText.validate(reason, field: "--reason", maxLength: 2000)
            try await database.withConnection { try await DossierClosing.stop(code: target.code, officer: target.officer, reason: reason, on: $0) }
            print("\(target.code): processing stopped")
        }
    }

    struct Apologise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Issue the apology slip (Mẫu 04), signed by a leader of a holding department, promising the applicant a new date; once per dossier. The dossier stays late by its appointment date."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(
            help: ArgumentHelp(
                "The date promised: a working day after today and after the appointment date, within the procedure's limit counted again from today.",
                valueName: "YYYY-MM-DD"))
        var newDate: String

        @Option(help: "Why the dossier is late, as the applicant will read it.")
        var reason: String

        func validate() throws {
            guard CalendarDate(iso: newDate) != nil else { throw ValidationError("--new-date must be a day written YYYY-MM-DD, such as 2026-12-15") }
        }

        func run() async throws {
            let date = CalendarDate(iso: newDate)!
            let reason = try FreeText.validate(reason, field: "--reason", maxLength: 2000)
            try await database.withConnection {
                try await DossierClosing.apologise(code: target.code, officer: target.officer, newDate: date, reason: reason, on: $0)
            }
            print(
                "\(target.code): apology slip issued; the applicant is promised \(SlipFormat.format(date)) (the appointment date stays, and the dossier counts as late)"
            )
        }
    }

    struct ReturnResult: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return-result",
            abstract: "Hand the result of a resolved dossier over, at the desk, by post or electronically; the dossier ends returned.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "How the result reaches the applicant: desk, post or electronic (a signed file on the portal).")
        var by: String = "desk"

        @Option(help: "The applicant's evaluation, when given: satisfied, not_satisfied or complaint.")
        var evaluation: String?

        func validate() throws {
            guard DossierClosing.Delivery(rawValue: by) != nil else { throw ValidationError("--by must be desk, post or electronic") }
            if let evaluation, DossierClosing.Evaluation(rawValue: evaluation) == nil {
                throw ValidationError("--evaluation must be satisfied, not_satisfied or complaint")
            }
        }

        func run() async throws {
            let delivery = DossierClosing.Delivery(rawValue: by)!
            let evaluation = self.evaluation.flatMap(DossierClosing.Evaluation.init(rawValue:))
            try await database.withConnection {
                try await DossierClosing.returnResult(code: target.code, officer: target.officer, delivery: delivery, evaluation: evaluation, on: $0)
            }
            print("\(target.code): result handed over (\(delivery.rawValue))")
        }
    }

    struct Consult: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask another department's opinion: the dossier waits while one of its officers answers.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "The department to consult, for example CAT.")
        var department: String

        @Option(help: "What the department is asked, in full.")
        var question: String

        func run() async throws {
            let question = try FreeText.validate(question, field: "--question", maxLength: 2000)
            try await database.withConnection {
                try await Consultation.ask(code: target.code, officer: target.officer, department: department, question: question, on: $0)
            }
            print("\(target.code): \(department) consulted; the dossier waits for its answer")
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer a consultation (an officer of the consulted department): the opinion goes back to the asking officer.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target

        @Option(help: "The department's opinion, in full.")
        var opinion: String

        func run() async throws {
            let opinion = try FreeText.validate(opinion, field: "--opinion", maxLength: 2000)
            try await database.withConnection { try await Consultation.answer(code: target.code, officer: target.officer, opinion: opinion, on: $0) }
            print("\(target.code): answered; back with the officer who asked")
        }
    }
}
