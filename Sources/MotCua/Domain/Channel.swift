/// How a dossier reached the center.
public enum Channel: String, Sendable, Codable, CaseIterable {
    /// Handed in at a desk of the center.
    case desk
    /// Submitted on the online public-service portal.
    case online
    /// Sent by post (public postal service).
    case post
}
