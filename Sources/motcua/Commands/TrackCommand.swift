import ArgumentParser
import Foundation
import MotCua

/// `motcua track CODE --phone-last4 NNNN`: the citizen's view of a dossier.
struct TrackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Show a dossier's progress to its applicant: status, steps with dates, what is awaited, the appointment date.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: DocumentOutputOptions

    @Argument(help: "The dossier code on the receipt, for example 000.00.09.H19-261130-0001.")
    var code: String

    @Option(name: .customLong("phone-last4"), help: "The last four digits of the phone number given at intake.")
    var phoneLastFour: String

    func validate() throws {
        guard phoneLastFour.count == 4, phoneLastFour.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError("--phone-last4 must be exactly four digits")
        }
        guard !code.isEmpty, code.count <= 64, code.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw ValidationError("the dossier code is printed on the receipt, like 000.00.09.H19-261130-0001")
        }
    }

    func run() async throws {
        let view = try await database.withConnection { try await DossierTracking.lookup(code: code, phoneLastFour: phoneLastFour, on: $0) }
        guard let view else { throw MotCuaError.trackingNoMatch }
        var lines = [
            "Hồ sơ \(view.dossierCode) — \(view.procedureName)",
            "Trạng thái: \(view.nationalMeaning) (mã \(view.nationalCode))",
            "Đang chờ: \(view.awaiting)",
        ]
        if let due = view.appointmentDate { lines.append("Ngày hẹn trả kết quả: \(SlipFormat.format(due))") }
        lines.append("Quá trình xử lý:")
        lines += view.steps.map { "  \(SlipFormat.format($0.at))  \($0.label)\($0.department.map { "  \($0)" } ?? "")" }
        try output.emit(view, text: lines.joined(separator: "\n"))
    }
}
