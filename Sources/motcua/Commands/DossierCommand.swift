import ArgumentParser
import Foundation
import Logging
import MotCua

/// `motcua dossier show CODE --actor ID --reason TEXT`.
struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Officers' access to dossiers.",
        subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dossier with its applicant's personal data; the read is logged with who, when and why.",
            discussion: """
                Only an active officer of a department holding the dossier, or of the center's desk, may read it; \
                anyone else is refused and the refusal is logged. The actor is declared, not authenticated, until \
                per-department database roles arrive.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: DocumentOutputOptions

        @Argument(help: "The dossier code.")
        var code: String

        @Option(help: "Who is reading: an officer code of the catalog.")
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
            let view: DossierRecord.View?
            do {
                view = try await database.withConnection { try await DossierRecord.read(code: code, actor: actor, purpose: reason, on: $0) }
            } catch MotCuaError.accessRefused(let dossier) {
                // The actor as typed may be anything (a name): it is in the access log, not here.
                Logger(label: "motcua.access").warning("refused a read of personal data", metadata: ["dossier": .string(dossier)])
                throw MotCuaError.accessRefused(dossier: dossier)
            }
            guard let view else { throw MotCuaError.unknownDossier(code: code) }
            let contact = [view.citizenID.map { "CCCD \($0)" }, view.taxCode.map { "MST \($0)" }, view.phone.map { "ĐT \($0)" }, view.email, view.address]
            try output.emit(
                view,
                text: [
                    IntakeSlip.render(view.intake), "Trạng thái hiện tại: \(view.state.nationalMeaning) (\(view.state.rawValue))",
                    "Liên hệ: " + contact.compactMap { $0 }.joined(separator: " · "), "", Self.text(of: view.timeline),
                ].joined(separator: "\n"))
        }

        /// The holder, how the appointment date was reached, and the process-control slip.
        static func text(of timeline: DossierTimeline) -> String {
            let pauses = timeline.pauses.map { pause in
                "\(pause.reason.vietnamese) \(pause.department ?? "")".trimmingCharacters(in: .whitespaces)
                    + " \(SlipFormat.format(pause.from)) – \(pause.until.map(SlipFormat.format) ?? "đang tạm dừng")"
            }
            let steps = Table(
                headers: ["bước", "cơ quan", "loại", "thời gian quy định", "đã dùng (ngày làm việc)", "ghi chú"],
                rows: timeline.steps.map { step in
                    [
                        String(step.position), step.department, step.kind.rawValue, step.allowance.map { "\($0)" } ?? "—",
                        String(step.workingDaysUsed) + (step.completedAt == nil ? " (đang xử lý)" : ""),
                        step.excludedFromLimit ? "không tính vào thời hạn" : step.overAllowance ? "quá thời gian quy định" : "",
                    ]
                })
            let slip = Table(
                headers: ["thời gian", "bên giao", "bên nhận", "kết quả", "ghi chú"],
                rows: timeline.handOvers.map {
                    [
                        SlipFormat.format($0.at), [$0.department, $0.by].compactMap { $0 }.joined(separator: " — "), $0.to ?? "", $0.result.rawValue,
                        $0.note.map { String($0.prefix(60)) } ?? "",
                    ]
                })
            return [
                "Đang giữ hồ sơ: \(timeline.holder ?? "không còn bước nào đang xử lý")",
                "Hạn trả kết quả: \(timeline.dueDate.map(SlipFormat.format) ?? "—")"
                    + (timeline.promisedDate.map { ", hẹn lại theo thư xin lỗi (Mẫu 04): \(SlipFormat.format($0))" } ?? "")
                    + " (tiếp nhận \(timeline.receivedAt.map(SlipFormat.format) ?? "—"); "
                    + "thời hạn \(timeline.timeLimit); tạm dừng: \(pauses.isEmpty ? "không" : pauses.joined(separator: "; ")))",
                "", "Các bước xử lý:", steps.text(),
                "", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (Mẫu 05)", slip.text(),
            ].joined(separator: "\n")
        }
    }
}
