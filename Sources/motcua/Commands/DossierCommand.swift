import ArgumentParser
import Foundation
import MotCua

/// `motcua dossier show CODE --actor ID --reason TEXT`.
struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Officers' access to dossiers.",
        subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dossier with its applicant's personal data; the read is logged with who, when and why.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: DocumentOutputOptions

        @Argument(help: "The dossier code.")
        var code: String

        @Option(help: "Who is reading (officer code).")
        var actor: String

        @Option(help: "Why the personal data is needed (recorded in the access log).")
        var reason: String

        func validate() throws {
            guard !actor.trimmingCharacters(in: .whitespaces).isEmpty, actor.count <= 64 else {
                throw ValidationError("--actor must name the officer (1 to 64 characters)")
            }
            guard reason.trimmingCharacters(in: .whitespaces).count >= 5, reason.count <= 500 else {
                throw ValidationError("--reason must say why the personal data is needed (5 to 500 characters)")
            }
        }

        func run() async throws {
            let view = try await database.withConnection { try await DossierRecord.read(code: code, actor: actor, purpose: reason, on: $0) }
            guard let view else { throw MotCuaError.unknownDossier(code: code) }
            let contact = [view.citizenID.map { "CCCD \($0)" }, view.taxCode.map { "MST \($0)" }, view.phone.map { "ĐT \($0)" }, view.email, view.address]
            try output.emit(
                view,
                text: [
                    IntakeSlip.render(view.intake), "Trạng thái hiện tại: \(view.state.nationalMeaning) (\(view.state.rawValue))",
                    "Liên hệ: " + contact.compactMap { $0 }.joined(separator: " · "),
                ].joined(separator: "\n"))
        }
    }
}
