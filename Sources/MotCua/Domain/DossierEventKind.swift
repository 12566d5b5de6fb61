/// What an event of a dossier's log records. Every change of a dossier's state, and every
/// change of its work's state that a person or a process makes outside a lease's own
/// mechanics, is one event (docs/ARCHITECTURE.md, "Events").
public enum DossierEventKind: String, Sendable, Codable, CaseIterable {
    /// The desk received a complete dossier; its clock starts.
    case received
    /// The dossier was sent to its first department.
    case routed
    /// The desk asked for missing documents (slip Mẫu 02; not received yet), or an officer asked
    /// for a supplement during processing (the clock pauses; `details.items`, `details.request`).
    case supplementRequested = "supplement_requested"
    /// The supplement an officer asked for was handed in at the desk: the clock runs again and
    /// the due date moves by the working time paused (`details.due_date`).
    case supplementReceived = "supplement_received"
    /// The desk refused the dossier (slip Mẫu 03), or an officer after review (to `stopped`).
    case refused
    /// A step was done by its department: the dossier went on (`details.to_department`) or was
    /// resolved. A hand-over line of the process-control slip (Mẫu 05).
    case stepCompleted = "step_completed"
    /// A review or signature step went to an officer's inbox (`details.officer`).
    case assigned
    /// A supervisor took a step back from its worker or officer; it waits in the queue again.
    case released
    /// A supervisor made a step that needed attention ready again, with fresh attempts.
    case retried
    /// A step was put aside for a supervisor (`details.reason`).
    case putAside = "put_aside"
    /// An attempt at an automatic step failed; it is tried again later (`details.retry_in_seconds`).
    case stepFailed = "step_failed"
    /// A worker's lease on a step expired and the step was taken back from it.
    case leaseExpired = "lease_expired"
    /// The applicant asked to withdraw the dossier (`details.reference`, the request's reference).
    case withdrawn
    /// Processing was stopped for a legal reason (`details.reason`).
    case stopped
    /// An apology slip (Mẫu 04) promised the applicant a new date (`details.new_date`,
    /// `details.promised_at`); once per dossier. The law's appointment does not move.
    case apologised
    /// The result was handed over at the desk or sent by post (`details.by`, `details.evaluation`).
    case returned
    /// An officer asked another department's opinion (`details.to_department`, `details.question`).
    case consulted
    /// The consulted department answered (`details.opinion`); the step is back with the asking officer.
    case consultationAnswered = "consultation_answered"
    /// An officer asked the applicant to pay a fee or tax (`details.amount`, `item`, `pauses_clock`).
    case paymentRequested = "payment_requested"
    /// The payment came in (`details.channel`: online, desk or bank; `reference`).
    case paymentReceived = "payment_received"
    /// The last step was done (written before completions carried their outcome in
    /// `step_completed`; kept so older logs read).
    case resolved

    /// True for events about the handling of a dossier's work (assignment, supervision, retries)
    /// rather than its progress: citizens tracking a dossier do not see them.
    public var isInternal: Bool {
        switch self {
        case .assigned, .released, .retried, .putAside, .stepFailed, .leaseExpired: return true
        case .received, .routed, .supplementRequested, .supplementReceived, .refused, .stepCompleted, .resolved, .withdrawn, .stopped, .apologised,
            .returned, .consulted, .consultationAnswered, .paymentRequested, .paymentReceived:
            return false
        }
    }

    /// What the event was, in Vietnamese, as the process-control slip (Mẫu 05) writes it.
    public var vietnamese: String {
        switch self {
        case .received: return "Tiếp nhận hồ sơ"
        case .routed: return "Chuyển xử lý"
        case .supplementRequested: return "Yêu cầu bổ sung"
        case .supplementReceived: return "Nhận hồ sơ bổ sung"
        case .refused: return "Từ chối"
        case .stepCompleted: return "Hoàn thành bước, chuyển tiếp"
        case .assigned: return "Giao cán bộ xử lý"
        case .released: return "Thu hồi bước"
        case .retried: return "Xử lý lại"
        case .putAside: return "Chờ người giám sát"
        case .stepFailed: return "Xử lý tự động lỗi"
        case .leaseExpired: return "Thu hồi bước quá hạn giữ"
        case .withdrawn: return "Rút hồ sơ"
        case .stopped: return "Dừng xử lý"
        case .apologised: return "Xin lỗi, hẹn lại"
        case .returned: return "Trả kết quả"
        case .consulted: return "Lấy ý kiến"
        case .consultationAnswered: return "Trả lời ý kiến"
        case .paymentRequested: return "Yêu cầu nộp phí, thuế"
        case .paymentReceived: return "Đã nộp phí, thuế"
        case .resolved: return "Có kết quả"
        }
    }
}
