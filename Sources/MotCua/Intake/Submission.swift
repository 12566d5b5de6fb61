import Foundation

/// A dossier handed in at the center, as the intake desk records it.
public struct Submission: Sendable, Equatable {
    /// The national procedure code (`2.001610`).
    public var procedureCode: String
    /// How the dossier arrived.
    public var channel: Channel
    /// When it was received; defaults to now.
    public var receivedAt: Date
    /// A key the client picks per submission, so a retried submission creates one dossier.
    public var idempotencyKey: String?

    /// Creates a submission.
    public init(procedureCode: String, channel: Channel, receivedAt: Date = Date(), idempotencyKey: String? = nil) {
        self.procedureCode = procedureCode
        self.channel = channel
        self.receivedAt = receivedAt
        self.idempotencyKey = idempotencyKey
    }
}

/// What the desk hands back: the dossier code and where the dossier went.
public struct Receipt: Sendable, Equatable, Codable {
    /// The dossier code, `<agency e-ID>-yymmdd-NNNN`.
    public let dossierCode: String
    /// The procedure code.
    public let procedureCode: String
    /// The procedure version the dossier was received under.
    public let procedureVersion: Int
    /// The procedure's name.
    public let procedureName: String
    /// The channel.
    public let channel: Channel
    /// When it was received.
    public let receivedAt: Date
    /// The department the dossier was routed to first.
    public let firstDepartment: String
}
