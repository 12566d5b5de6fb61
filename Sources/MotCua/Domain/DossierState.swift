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
}
