import ArgumentParser
import MotCua

/// `motcua slip CODE --kind …`: one of a dossier's slips, rendered from its events.
struct SlipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slip",
        abstract: "Print one of a dossier's slips, rendered from its events: receipt (01), supplement (02), refusal (03), apology (04), control (05).",
        discussion: "Slips carry no personal data; `motcua dossier show` shows the applicant, and logs the read.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: DocumentOutputOptions

    @Argument(help: "The dossier code.")
    var code: String

    @Option(help: "Which slip: receipt, supplement, refusal, apology or control.")
    var kind: String

    func validate() throws {
        guard DossierSlip.Kind(rawValue: kind) != nil else { throw ValidationError("--kind must be receipt, supplement, refusal, apology or control") }
    }

    func run() async throws {
        let slip = try await database.withConnection { try await DossierSlip.read(code: code, kind: DossierSlip.Kind(rawValue: kind)!, on: $0) }
        try output.emit(slip, text: slip.text)
    }
}
