/// The dossier state machine: every change of a dossier's state that MotCua allows. The
/// database holds the same table (`dossier_transition`, migration 0010) and a trigger refuses
/// any other change, even one typed in psql; a test checks that the two tables agree.
///
/// A dossier may also stay in a live state while its work moves (a step routed on to the next
/// department, a reassignment, a step taken back by a supervisor): such events have the same
/// `from_state` and `to_state` and are not changes of state.
public enum DossierTransitions {
    /// The states a dossier can be recorded in. `routed` is a receipt and its routing written
    /// together by intake (two events: `received`, then `routed`).
    public static let initial: Set<DossierState> = [.submittedOnline, .received, .routed, .awaitingSupplement, .refused]

    /// The states each state may change to.
    public static let allowed: [DossierState: Set<DossierState>] = [
        .submittedOnline: [.received, .routed, .awaitingSupplement, .refused, .withdrawalRequested],
        .received: [.routed, .withdrawalRequested],
        .routed: [.assigned, .resolved, .stopped, .withdrawalRequested],
        .assigned: [.routed, .inReview, .consulting, .awaitingSignature, .awaitingSupplement, .awaitingPayment, .resolved, .stopped, .withdrawalRequested],
        .inReview: [.routed, .assigned, .consulting, .awaitingSignature, .awaitingSupplement, .awaitingPayment, .resolved, .stopped, .withdrawalRequested],
        .consulting: [.routed, .assigned, .inReview, .stopped, .withdrawalRequested],
        .awaitingSignature: [.routed, .assigned, .resolved, .stopped, .withdrawalRequested],
        .awaitingSupplement: [.received, .routed, .supplementReceived, .refused, .stopped, .withdrawalRequested],
        .supplementReceived: [.routed, .assigned, .inReview],
        .awaitingPayment: [.routed, .assigned, .inReview, .resolved, .stopped, .withdrawalRequested],
        .withdrawalRequested: [.stopped, .returned],
        .resolved: [.returned],
        .refused: [],
        .stopped: [],
        .returned: [],
    ]

    /// True when a dossier in `from` (nil: not recorded yet) may be in `to` next.
    public static func isAllowed(from: DossierState?, to: DossierState) -> Bool {
        guard let from else { return initial.contains(to) }
        return (from == to && !from.isFinal) || allowed[from, default: []].contains(to)
    }

    /// Throws ``MotCuaError/illegalTransition(dossier:from:to:allowed:)`` unless the change is allowed.
    public static func require(dossier code: String, from: DossierState, to: DossierState) throws {
        guard isAllowed(from: from, to: to) else {
            throw MotCuaError.illegalTransition(
                dossier: code, from: from.rawValue, to: to.rawValue,
                allowed: allowed[from, default: []].map(\.rawValue).sorted())
        }
    }
}

extension DossierState {
    /// True when nothing more can happen to the dossier.
    public var isFinal: Bool { DossierTransitions.allowed[self, default: []].isEmpty }
}
