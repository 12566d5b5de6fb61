/// The internal state of a dossier; finer than the national portal's ten status codes, to which
/// each state maps (domain brief, "Lifecycle").
public enum DossierState: String, Sendable, Codable, CaseIterable {
    case submittedOnline = "submitted_online"
    case received
    case refused
    case routed
    case assigned
    case inReview = "in_review"
    case consulting
    case awaitingSignature = "awaiting_signature"
    case supplementReceived = "supplement_received"
    case awaitingSupplement = "awaiting_supplement"
    case awaitingPayment = "awaiting_payment"
    case withdrawalRequested = "withdrawal_requested"
    case stopped
    case resolved
    case returned

    /// The national public-service portal's status code (1–10) for this state.
    public var nationalCode: Int {
        switch self {
        case .submittedOnline: return 1
        case .received: return 2
        case .refused: return 3
        case .routed, .assigned, .inReview, .consulting, .awaitingSignature, .supplementReceived: return 4
        case .awaitingSupplement: return 5
        case .awaitingPayment: return 6
        case .withdrawalRequested: return 7
        case .stopped: return 8
        case .resolved: return 9
        case .returned: return 10
        }
    }

    /// What the national status code means, in Vietnamese, as a citizen reads it.
    public var nationalMeaning: String {
        switch nationalCode {
        case 1: return "Mới đăng ký trực tuyến, chưa tiếp nhận"
        case 2: return "Đã tiếp nhận"
        case 3: return "Không tiếp nhận"
        case 4: return "Đang xử lý"
        case 5: return "Yêu cầu bổ sung hồ sơ"
        case 6: return "Yêu cầu thực hiện nghĩa vụ tài chính"
        case 7: return "Công dân yêu cầu rút hồ sơ"
        case 8: return "Dừng xử lý"
        case 9: return "Đã giải quyết, chờ trả kết quả"
        default: return "Đã trả kết quả"
        }
    }
}
