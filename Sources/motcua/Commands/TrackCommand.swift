import ArgumentParser
import Foundation
import MotCua

/// `motcua track CODE --secret S | --phone-last4 NNNN`: the citizen's view of a dossier.
struct TrackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Show a dossier's progress to its applicant: status, steps with dates, what is awaited, the appointment date.",
        discussion: """
            The applicant proves the dossier is theirs with the tracking secret printed on the receipt, or the last \
            four digits of the phone given at intake. After 5 wrong tries within an hour a dossier answers only to \
            its secret until the hour has passed. A wrong code and a wrong secret or phone give the same answer.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: DocumentOutputOptions

    @Argument(help: "The dossier code on the receipt, for example 000.00.09.H19-261130-0001.")
    var code: String

    @Option(help: "The tracking secret printed on the receipt, such as K7MX-2QPA.")
    var secret: String?

    @Option(name: .customLong("phone-last4"), help: "The last four digits of the phone number given at intake.")
    var phoneLastFour: String?

    func validate() throws {
        switch (secret, phoneLastFour) {
        case (nil, nil), (.some, .some):
            throw ValidationError("give either --secret (printed on the receipt) or --phone-last4, one of them")
        case (let secret?, nil):
            guard TrackingSecret.normalise(secret) != nil else {
                throw ValidationError("--secret is the 8-character code printed on the receipt, such as K7MX-2QPA")
            }
        case (nil, let digits?):
            guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ValidationError("--phone-last4 must be exactly four digits")
            }
        }
        guard !code.isEmpty, code.count <= 64, code.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw ValidationError("the dossier code is printed on the receipt, like 000.00.09.H19-261130-0001")
        }
    }

    func run() async throws {
        let credential: DossierTracking.Credential = secret.map { .secret($0) } ?? .phoneLastFour(phoneLastFour!)
        let view = try await database.withConnection { try await DossierTracking.lookup(code: code, credential: credential, on: $0) }
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
