import Foundation

/// An interval in which a dossier's clock stood still: an officer's supplement request until
/// the supplement came in, a payment request (when the procedure pauses for it) until the
/// payment came in, or a step the law excludes from the limit (a tax assessment) from its
/// arrival in the department until its decision.
public struct ClockPause: Sendable, Codable, Equatable {
    /// Why the clock stood still.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case supplement
        case payment
        case excludedStep = "excluded_step"

        /// The reason in Vietnamese, as the timeline prints it.
        public var vietnamese: String {
            switch self {
            case .supplement: return "chờ bổ sung hồ sơ"
            case .payment: return "chờ thực hiện nghĩa vụ tài chính"
            case .excludedStep: return "bước không tính vào thời hạn"
            }
        }
    }

    public let reason: Reason
    public let from: Date
    /// When it ended; nil while it lasts.
    public let until: Date?
    /// The department whose request or step it was.
    public let department: String?

    /// Creates a pause.
    public init(reason: Reason, from: Date, until: Date?, department: String?) {
        self.reason = reason
        self.from = from
        self.until = until
        self.department = department
    }

    /// The interval, an ongoing pause ended at `now`.
    func interval(closedAt now: Date) -> DateInterval {
        DateInterval(start: from, end: max(from, until ?? now))
    }
}
