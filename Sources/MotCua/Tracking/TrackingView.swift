import CivilTime
import Foundation

/// What a citizen sees when tracking a dossier: its status, the steps with their dates, what
/// is awaited and the appointment date. Nothing personal.
public struct TrackingView: Sendable, Equatable, Codable {
    /// One step of the dossier's progress.
    public struct Step: Sendable, Equatable, Codable {
        public let at: Date
        /// What happened (never an internal event: assignment, supervision, retries).
        public let kind: DossierEventKind
        /// The dossier's state after the step (`routed`, `resolved`, …).
        public let toState: DossierState
        /// The department's name, when the step concerns one.
        public let department: String?

        /// The step in words a citizen understands.
        public var label: String {
            switch kind {
            case .received: return "Tiếp nhận hồ sơ"
            case .routed: return "Chuyển xử lý"
            case .stepCompleted where toState == .resolved: return "Hoàn thành xử lý, đã có kết quả"
            case .stepCompleted: return "Hoàn thành bước xử lý, chuyển bước tiếp theo"
            case .resolved: return "Đã có kết quả"
            case .supplementRequested: return "Yêu cầu bổ sung hồ sơ"
            case .supplementReceived: return "Đã nhận hồ sơ bổ sung, tiếp tục xử lý"
            case .withdrawn: return "Công dân rút hồ sơ"
            case .stopped: return "Dừng xử lý hồ sơ"
            case .apologised: return "Xin lỗi và hẹn lại ngày trả kết quả"
            case .returned: return "Đã trả kết quả"
            case .consulted: return "Lấy ý kiến cơ quan liên quan"
            case .consultationAnswered: return "Cơ quan liên quan đã có ý kiến"
            case .paymentRequested: return "Thông báo thực hiện nghĩa vụ tài chính"
            case .paymentReceived: return "Đã thực hiện nghĩa vụ tài chính, tiếp tục xử lý"
            case .refused where toState == .stopped: return "Từ chối giải quyết hồ sơ"
            case .refused: return "Từ chối tiếp nhận"
            case .assigned, .released, .retried, .putAside, .stepFailed, .leaseExpired: return "Đang xử lý"
            }
        }
    }

    public let dossierCode: String
    public let procedureName: String
    public let state: DossierState
    public let nationalCode: Int
    public let nationalMeaning: String
    /// The date the applicant is promised: an apology slip's new date (Mẫu 04), else the law's
    /// appointment date.
    public let appointmentDate: CalendarDate?
    /// What the dossier is waiting for, in Vietnamese.
    public let awaiting: String
    public let steps: [Step]
}
