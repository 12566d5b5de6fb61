import CivilTime
import Foundation
import Postgres

/// A dossier's slips rendered from its events, in Vietnamese text or as data: the receipt and
/// appointment (Mẫu 01), the supplement requests listing every item (Mẫu 02), the refusal with
/// its reason (Mẫu 03), the apology with the new appointment date (Mẫu 04) and the
/// process-control slip (Mẫu 05). They carry no personal data: the applicant's name and contact
/// are shown only by `motcua dossier show`, which logs the read.
public struct DossierSlip: Sendable, Codable, Equatable {
    /// Which slip.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case receipt, supplement, refusal, apology, control

        /// The national form number and title.
        public var form: String {
            switch self {
            case .receipt: return "Mẫu 01"
            case .supplement: return "Mẫu 02"
            case .refusal: return "Mẫu 03"
            case .apology: return "Mẫu 04"
            case .control: return "Mẫu 05"
            }
        }

        public var title: String {
            switch self {
            case .receipt: return "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
            case .supplement: return "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
            case .refusal: return "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
            case .apology: return "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
            case .control: return "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
            }
        }
    }

    /// One event the slip is made of: when, by whom, in which department, what it says.
    public struct Entry: Sendable, Codable, Equatable {
        public let at: Date
        public let by: String
        public let department: String?
        public let details: [String: String]
    }

    public let kind: Kind
    public let form: String
    public let title: String
    public let dossierCode: String
    public let procedureCode: String
    public let procedureName: String
    public let receivedAt: Date?
    public let dueDate: CalendarDate?
    /// The documents handed in (the receipt).
    public let documents: [String]
    public let entries: [Entry]

    /// Reads slip `kind` of dossier `code`; throws when the dossier is unknown or has no such slip.
    public static func read(code: String, kind: Kind, on connection: Connection) async throws -> DossierSlip {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            guard let head = try connection.query(headStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try head.decode("id")
            let missing: [String] = try head.decode("missing")
            let outcomeReason: String? = try head.decode("outcome_reason")
            let entries = try connection.query(eventsStatement, [id, kinds(of: kind)]).map { row in
                var details = try row.decode("details", as: PostgresJSON<[String: String]>.self).value
                // The desk's own request and refusal (at intake) keep their content on the dossier.
                if kind == .supplement, details["items"] == nil { details["items"] = missing.joined(separator: "; ") }
                if kind == .refusal, details["reason"] == nil, let outcomeReason { details["reason"] = outcomeReason }
                return Entry(at: try row.decode("at"), by: try row.decode("actor"), department: try row.decode("department_code"), details: details)
            }
            let received: Date? = try head.decode("received_at")
            guard !entries.isEmpty || (kind == .receipt && received != nil) else {
                throw MotCuaError.invalidInput(
                    field: "dossier \(code)", reason: "has no \(kind.rawValue) slip (\(kind.form)): nothing of the kind happened to it")
            }
            return DossierSlip(
                kind: kind, form: kind.form, title: kind.title, dossierCode: code, procedureCode: try head.decode("procedure_code"),
                procedureName: try head.decode("name"), receivedAt: received, dueDate: try head.decode("due_date"),
                documents: kind == .receipt ? try head.decode("documents") : [], entries: entries)
        }
    }

    /// The event kinds a slip is made of (the control slip: every event).
    static func kinds(of kind: Kind) -> [String] {
        switch kind {
        case .receipt: return [DossierEventKind.received.rawValue]
        case .supplement: return [DossierEventKind.supplementRequested.rawValue]
        case .refusal: return [DossierEventKind.refused.rawValue]
        case .apology: return [DossierEventKind.apologised.rawValue]
        case .control: return DossierEventKind.allCases.map(\.rawValue)
        }
    }

    /// The slip as text.
    public var text: String {
        var lines = ["\(title) (\(form))", "Mã hồ sơ: \(dossierCode)", "Thủ tục: \(procedureCode) — \(procedureName)"]
        switch kind {
        case .receipt:
            lines.append("Thời điểm tiếp nhận: \(receivedAt.map(SlipFormat.format) ?? "—")")
            lines.append("Thành phần hồ sơ đã nhận:")
            lines += documents.map { "  - \($0)" }
            lines.append("Ngày hẹn trả kết quả: \(dueDate.map(SlipFormat.format) ?? "—")")
        case .supplement:
            for (index, entry) in entries.enumerated() {
                lines.append("Lần \(index + 1) — \(SlipFormat.format(entry.at)), \([entry.department, entry.by].compactMap { $0 }.joined(separator: " — "))")
                lines.append("  Lý do: \(entry.details["reason"] ?? "—")")
                let items = entry.details["items"] ?? ""
                lines += items.split(separator: ";").map { "  - \($0.trimmingCharacters(in: .whitespaces))" }
                if let late = entry.details["late"] { lines.append("  Ghi chú: \(late)") }
            }
        case .refusal, .apology:
            for entry in entries {
                lines.append("Ngày: \(SlipFormat.format(entry.at)); người ký: \([entry.department, entry.by].compactMap { $0 }.joined(separator: " — "))")
                lines.append("Lý do: \(entry.details["reason"] ?? "—")")
                if let previous = entry.details["previous_date"], let date = CalendarDate(iso: previous) {
                    lines.append("Ngày hẹn trước đây: \(SlipFormat.format(date))")
                }
                if let new = entry.details["new_date"], let date = CalendarDate(iso: new) {
                    lines.append("Ngày hẹn trả kết quả mới: \(SlipFormat.format(date))")
                }
            }
        case .control:
            lines += entries.map { entry in
                let note = ["to_department", "officer", "decision", "reason", "note", "new_date"].compactMap { entry.details[$0] }.joined(separator: "; ")
                return "\(SlipFormat.format(entry.at))  \([entry.department, entry.by].compactMap { $0 }.joined(separator: " — "))  \(note)"
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `$1` dossier code: the slip's head, the documents handed in and the required ones missing, by name.
    static let headStatement = """
        SELECT d.id, d.procedure_code, p.name, d.received_at, d.due_date, d.outcome_reason,
               ARRAY(SELECT pd.name FROM procedure_document pd
                     WHERE pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version AND pd.code = ANY(d.documents_provided)
                     ORDER BY pd.code) AS documents,
               ARRAY(SELECT pd.name FROM procedure_document pd
                     WHERE pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version AND pd.required
                       AND NOT pd.code = ANY(d.documents_provided)
                     ORDER BY pd.code) AS missing
        FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.code = $1
        """

    /// `$1` dossier, `$2` event kinds: its events of those kinds in order, details as text.
    static let eventsStatement = """
        SELECT at, actor, department_code, coalesce((SELECT jsonb_object_agg(key, value) FROM jsonb_each_text(details)), '{}'::jsonb) AS details
        FROM dossier_event WHERE dossier_id = $1 AND kind = ANY($2::text[]) ORDER BY id
        """
}
