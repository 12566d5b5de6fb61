/// How a dossier reached the center, as far as the receipt rules care.
public enum SubmissionMode: String, Hashable, Sendable {
    /// Handed in on paper: at a desk, or by post when the desk logs it. The afternoon cut-off applies.
    case paper
    /// Submitted on the online public-service portal, at any hour.
    case online
}
