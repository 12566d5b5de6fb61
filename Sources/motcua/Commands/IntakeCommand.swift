import ArgumentParser
import Foundation
import MotCua

/// `motcua intake submit`.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Receive dossiers at the desk.",
        subcommands: [Submit.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a submission: receipt and routing, a supplement request, or a refusal.",
            discussion: """
                Give one submission with flags, or many with --file: a JSON object, or JSON Lines \
                (one object per line; - reads standard input). A batch is validated as a whole \
                (fields, procedures, documents) before anything is recorded. If writing then \
                stops midway, the receipts recorded are printed and the error says how many \
                were not; submitting the batch again with the same idempotency keys completes \
                it. See README.md for the JSON keys.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: DocumentOutputOptions

        @Option(help: "JSON or JSON Lines file of submissions; - for standard input.")
        var file: String?
        @Option(help: "National procedure code, for example 2.001610.")
        var procedure: String?
        @Option(help: "How the dossier arrived: desk, online or post.")
        var channel: String?
        @Option(help: "When it was handed in, ISO 8601 (default now).")
        var submittedAt: String?
        @Option(help: "A key unique to this submission; resubmitting with it returns the first result.")
        var idempotencyKey: String?
        @Option(help: "person or organisation.")
        var applicantKind: String?
        @Option(help: "The applicant's full name.")
        var name: String?
        @Option(help: "A person's 12-digit citizen ID (CCCD).")
        var citizenID: String?
        @Option(help: "An organisation's enterprise/tax code.")
        var taxCode: String?
        @Option(help: "The applicant's mobile number.")
        var phone: String?
        @Option(help: "The applicant's email address.")
        var email: String?
        @Option(help: "The applicant's address.")
        var address: String?
        @Option(name: .customLong("document"), help: "A document handed in, by its code (repeat the flag).")
        var documents: [String] = []
        @Flag(help: "Every document of the procedure's list was handed in.")
        var allDocuments = false
        @Option(help: "Pages to certify or copies requested (for per-page fees).")
        var pages: Int?
        @Option(help: "Refuse the dossier at the desk with this reason.")
        var refuseReason: String?
        @Option(help: "Why a dossier handed in before the previous working day is recorded only now (required then).")
        var lateEntryReason: String?
        @Option(help: "Who records the submission (desk officer or channel ID).")
        var actor = "desk"

        func validate() throws {
            if file != nil {
                guard procedure == nil, name == nil, citizenID == nil, taxCode == nil, documents.isEmpty else {
                    throw ValidationError("give submissions either with --file or with flags, not both")
                }
            } else if procedure == nil {
                throw ValidationError("--procedure is required (or give --file)")
            }
        }

        func run() async throws {
            let results: [IntakeResult]
            do {
                results = try await database.withConnection { connection in
                    let submissions = try readSubmissions(now: try await DatabaseClock.now(on: connection))
                    return try await IntakeService(actor: actor).submit(submissions, on: connection)
                }
            } catch let interrupted as IntakeInterrupted {
                try show(interrupted.recorded.map(\.result))
                throw interrupted
            }
            try show(results)
        }

        private func show(_ results: [IntakeResult]) throws {
            switch output.format {
            case .json where results.count == 1: print(try jsonText(results[0]))
            case .json: for result in results { print(try jsonLine(result)) }
            case .text: print(results.map(IntakeSlip.render).joined(separator: "\n\n"))
            }
        }

        private func readSubmissions(now: Date) throws -> [ValidatedIntake] {
            if let file {
                let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try InputFile.read(file, what: "the submissions file")
                return try IntakeBatch.parse(data, source: file == "-" ? "standard input" : file, now: now)
            }
            let when = try submittedAt.map { text in
                guard let date = ISO8601DateFormatter().date(from: text) else {
                    throw ValidationError("--submitted-at must be ISO 8601, such as 2026-11-30T09:00:00+07:00")
                }
                return date
            }
            let request = IntakeRequest(
                procedure: procedure ?? "", channel: channel, submittedAt: when, idempotencyKey: idempotencyKey,
                applicant: RawApplicant(
                    kind: applicantKind, fullName: name, citizenID: citizenID, taxCode: taxCode, phone: phone, email: email, address: address),
                documents: documents, allDocuments: allDocuments, pages: pages, refuseReason: refuseReason, lateEntryReason: lateEntryReason)
            return [try ValidatedIntake(request, now: now)]
        }
    }
}
