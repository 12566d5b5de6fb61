import CivilTime
import Foundation
import Postgres

/// A dossier's slips rendered from its events, in Vietnamese text or as data: the receipt and
/// appointment (Mẫu 01), the supplement requests listing every item (Mẫu 02), the refusal with
/// its reason (Mẫu 03), the apology with the date it promises (Mẫu 04) and the
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

    /// One event the slip is made of: what it was, when, who handed the dossier over (an
    /// officer, or "xử lý tự động" for a department's automatic step: never a machine's name),
    /// in which department, to whom, with what result, and what it says.
    public struct Entry: Sendable, Codable, Equatable {
        public let kind: DossierEventKind
        public let at: Date
        public let by: String
        public let department: String?
        /// Where the dossier went: the next department, the consulted one, the officer it was
        /// given to, the desk (the result), the applicant (the hand-over).
        public let to: String?
        /// The process-control slip's result (Mẫu 05): for a department's step, against its
        /// allowance (`early`, `on_time`, `late`; `excluded` for a step the law excludes from
        /// the limit); for the hand-over of the result, the dossier's against the law's
        /// appointment; nil where the form judges nothing (a supplement asked, a payment).
        public let result: String?
        public let details: [String: String]
    }

    /// The events a process-control slip lists: the hand-overs and what the applicant was asked
    /// or told; the queue's own mechanics (claims released, retried, rescued) are not the form's.
    static let controlKinds = DossierEventKind.allCases.filter { !$0.isInternal || $0 == .assigned }

    /// Who signs for an event on a slip: an officer's code, or for a worker (`STC@host:pid`),
    /// the department's automatic processing, never the machine.
    static func signer(_ actor: String) -> String { actor.contains("@") ? "xử lý tự động" : actor }

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
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            guard let head = try connection.query(headStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try head.decode("id")
            let missing: [String] = try head.decode("missing")
            let outcomeReason: String? = try head.decode("outcome_reason")
            var steps = kind == .control ? try stepResults(of: id, calendar: calendar, on: connection) : []
            let outcome: String? = try head.decode("outcome")
            let entries = try connection.query(eventsStatement, [id, kinds(of: kind)]).map { row in
                var details = try row.decode("details", as: PostgresJSON<[String: String]>.self).value
                // The desk's own request and refusal (at intake) keep their content on the dossier.
                if kind == .supplement, details["items"] == nil { details["items"] = missing.joined(separator: "; ") }
                if kind == .refusal, details["reason"] == nil, let outcomeReason { details["reason"] = outcomeReason }
                let event: DossierEventKind = try row.decode("kind")
                let department: String? = try row.decode("department_code")
                var result: String?
                if event == .stepCompleted, let index = steps.firstIndex(where: { $0.department == department }) {
                    result = steps.remove(at: index).result
                } else if event == .returned {
                    result = outcome
                }
                return Entry(
                    kind: event, at: try row.decode("at"), by: signer(try row.decode("actor")), department: department,
                    to: try row.decode("to"), result: result, details: details)
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
        case .control: return controlKinds.map(\.rawValue)
        }
    }

    /// The completed steps of dossier `id` in the order they were completed, each with its
    /// result against its allowance (working days from arrival to completion, arrival day not
    /// counted, as the timeline counts them).
    static func stepResults(of id: Int64, calendar: WorkingCalendar, on connection: isolated Connection) throws -> [(department: String, result: String?)] {
        try connection.query(DossierDeadline.stepsStatement, [id]).compactMap { row -> (Date, String, String?)? in
            guard let completed: Date = try row.decode("completed_at") else { return nil }
            let arrived: Date = try row.decode("created_at")
            let used = Decimal(calendar.workingDays(from: VietnamTime.day(of: arrived), to: VietnamTime.day(of: completed)))
            let allowance: Decimal? = try row.decode("allowance")
            let result: String? =
                try row.decode("excluded_from_limit", as: Bool.self)
                ? "excluded" : allowance.map { used < $0 ? "early" : used == $0 ? "on_time" : "late" }
            return (completed, try row.decode("department_code"), result)
        }
        .sorted { $0.0 < $1.0 }
        .map { ($0.1, $0.2) }
    }

    /// A control slip result in Vietnamese, as the form writes it.
    static func vietnamese(result: String?) -> String {
        switch result {
        case "early": return "Trước hạn"
        case "on_time": return "Đúng hạn"
        case "late": return "Quá hạn"
        case "excluded": return "Không tính vào thời hạn"
        default: return "—"
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
            lines.append("Thời gian | Giao | Nhận | Việc | Kết quả | Ghi chú")
            lines += entries.map { entry in
                var note = ["reason", "note", "question", "opinion", "item", "reference"].compactMap { entry.details[$0] }
                if entry.kind == .apologised, let new = entry.details["new_date"].flatMap(CalendarDate.init(iso:)) {
                    note.insert("Xin lỗi, hẹn lại ngày \(SlipFormat.format(new))", at: 0)
                }
                return [
                    SlipFormat.format(entry.at), [entry.department, entry.by].compactMap { $0 }.joined(separator: " — "), entry.to ?? "—",
                    entry.kind.vietnamese, Self.vietnamese(result: entry.result), note.isEmpty ? "—" : note.joined(separator: "; "),
                ].joined(separator: " | ")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `$1` dossier code: the slip's head, the documents handed in and the required ones missing, by name.
    static let headStatement = """
        SELECT d.id, d.procedure_code, p.name, d.received_at, d.due_date, d.outcome_reason,
               (SELECT r.outcome FROM report_dossier r WHERE r.dossier_id = d.id) AS outcome,
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

    /// `$1` dossier, `$2` event kinds: its events of those kinds in order, where each sent the
    /// dossier, and details as text.
    static let eventsStatement = """
        SELECT kind, at, actor, CASE WHEN kind = 'routed' THEN NULL ELSE department_code END AS department_code,
               CASE WHEN kind = 'routed' THEN department_code
                    WHEN kind = 'step_completed' AND to_state = 'resolved' THEN 'Bộ phận tiếp nhận và trả kết quả'
                    WHEN kind = 'returned' THEN 'Tổ chức, cá nhân'
                    ELSE coalesce(details->>'to_department', details->>'officer') END AS "to",
               coalesce((SELECT jsonb_object_agg(key, value) FROM jsonb_each_text(details)), '{}'::jsonb) AS details
        FROM dossier_event WHERE dossier_id = $1 AND kind = ANY($2::text[]) ORDER BY id
        """
}
