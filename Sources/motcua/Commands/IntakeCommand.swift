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
            abstract: "Receive a dossier, route it to its first department and print the receipt.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "National procedure code, for example 2.001610.")
        var procedure: String

        @Option(help: "How the dossier arrived: desk, online or post.")
        var channel: Channel = .desk

        @Option(help: "A key unique to this submission; resubmitting with it returns the first receipt.")
        var idempotencyKey: String?

        func validate() throws {
            guard !procedure.isEmpty, procedure.count <= 64, procedure.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
                throw ValidationError("--procedure must be a national procedure code such as 2.001610 (digits and dots)")
            }
            if let key = idempotencyKey, key.isEmpty || key.utf8.count > 200 || key.utf8.contains(0) {
                throw ValidationError("--idempotency-key must be 1 to 200 bytes with no NUL")
            }
        }

        func run() async throws {
            let connection = try await database.connectMigrated()
            let receipt = try await IntakeService(actor: "desk").submit(
                Submission(procedureCode: procedure, channel: channel, idempotencyKey: idempotencyKey), on: connection)
            await connection.close()
            switch output.format {
            case .json: print(try jsonText(receipt))
            case .text, .csv:
                print("Mã hồ sơ (dossier code): \(receipt.dossierCode)")
                print("Thủ tục (procedure): \(receipt.procedureCode) v\(receipt.procedureVersion) — \(receipt.procedureName)")
                print("Chuyển đến (routed to): \(receipt.firstDepartment)")
            }
        }
    }
}

extension Channel: ExpressibleByArgument {}
