import Foundation

/// The desk's slips as readable Vietnamese text: receipt and appointment (Mẫu 01), request to
/// supplement listing every missing item (Mẫu 02), refusal with its reason (Mẫu 03).
public enum IntakeSlip {
    /// Renders the slip for an intake result.
    public static func render(_ result: IntakeResult) -> String {
        var lines: [String]
        switch result.outcome {
        case .received:
            lines = ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (Mẫu 01)"]
        case .supplementRequested:
            lines = ["PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ (Mẫu 02)"]
        case .refused:
            lines = ["PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ (Mẫu 03)"]
        }
        lines += [
            "Mã hồ sơ: \(result.dossierCode)",
            "Thủ tục: \(result.procedureCode) — \(result.procedureName) (phiên bản \(result.procedureVersion))",
            "Người nộp: \(result.applicantName)",
            "Hình thức nộp: \(channelName(result.channel))",
            "Thời điểm nộp: \(SlipFormat.format(result.submittedAt))",
        ]
        switch result.outcome {
        case .received:
            lines.append("Thời điểm tiếp nhận: \(result.receivedAt.map(SlipFormat.format) ?? "—")")
            if let start = result.clockStartsAt, start != result.receivedAt {
                lines.append("Thời hạn giải quyết tính từ: \(SlipFormat.format(start)) (nộp sau 15 giờ)")
            }
            lines.append("Thành phần hồ sơ đã nhận:")
            lines += result.documents.filter(\.provided).map { "  - \($0.name) (\($0.copies) bản)" }
            if let due = result.dueDate { lines.append("Ngày hẹn trả kết quả: \(SlipFormat.format(due))") }
            lines.append("Lệ phí: \(SlipFormat.money(result.fee)) đồng")
            if let department = result.firstDepartment { lines.append("Chuyển xử lý: \(department)") }
            if let secret = result.trackingSecret { lines.append("Mã tra cứu hồ sơ (giữ kín): \(secret)") }
        case .supplementRequested:
            lines.append("Hồ sơ chưa đầy đủ. Đề nghị bổ sung, hoàn thiện các giấy tờ sau:")
            lines += result.missingDocuments.map { "  - \($0.name) (\($0.copies) bản): chưa nộp" }
            if let secret = result.trackingSecret { lines.append("Mã tra cứu hồ sơ (giữ kín): \(secret)") }
        case .refused:
            lines.append("Lý do từ chối: \(result.reason ?? "—")")
        }
        return lines.joined(separator: "\n")
    }

    static func channelName(_ channel: Channel) -> String {
        switch channel {
        case .desk: return "trực tiếp tại quầy"
        case .online: return "trực tuyến"
        case .post: return "qua dịch vụ bưu chính"
        }
    }
}
