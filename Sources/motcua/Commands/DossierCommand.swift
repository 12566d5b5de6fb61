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
        @OptionGroup var output: OutputOptions

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
            let connection = try await database.connectMigrated()
            let view = try await DossierRecord.read(code: code, actor: actor, purpose: reason, on: connection)
            await connection.close()
            guard let view else { throw MotCuaError.unknownDossier(code: code) }
            switch output.format {
            case .json: print(try jsonText(view))
            case .text, .csv:
                print(IntakeSlip.render(view.intake))
                print("Trạng thái hiện tại: \(view.state.nationalMeaning) (\(view.state.rawValue))")
                let contact = [view.citizenID.map { "CCCD \($0)" }, view.taxCode.map { "MST \($0)" }, view.phone.map { "ĐT \($0)" }, view.email, view.address]
                print("Liên hệ: " + contact.compactMap { $0 }.joined(separator: " · "))
            }
        }
    }
}
