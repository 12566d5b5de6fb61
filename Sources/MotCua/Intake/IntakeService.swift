import Foundation
import Postgres

/// Records submissions. In one transaction: the applicant, the dossier with its code, the
/// documents handed in, the events, the personal-data access of printing the slip, and — when
/// the dossier is received — the work item for the first department and that department's
/// doorbell.
public struct IntakeService: Sendable {
    /// Who is recorded as the actor (a desk ID, `online-portal`, …).
    public let actor: String

    /// Creates the service for an actor.
    public init(actor: String = "intake") { self.actor = actor }

    /// Handles one validated submission; a submission whose idempotency key was seen before
    /// returns the first result and changes nothing.
    public func submit(_ intake: ValidatedIntake, on connection: Connection) async throws -> IntakeResult {
        let actor = self.actor
        do {
            return try await connection.transaction { connection in
                if let key = intake.idempotencyKey, let earlier = try IntakeRecord.result(idempotencyKey: key, on: connection) {
                    return earlier
                }
                return try Self.record(intake, actor: actor, on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == "dossier_idempotency_key_key" {
            // A concurrent retry of the same submission committed first: answer with its result.
            return try await connection.transaction { connection in
                guard let key = intake.idempotencyKey, let earlier = try IntakeRecord.result(idempotencyKey: key, on: connection) else { throw error }
                return earlier
            }
        }
    }

    private static func record(_ intake: ValidatedIntake, actor: String, on connection: isolated Connection) throws -> IntakeResult {
        guard let terms = try ProcedureTerms.load(code: intake.procedure, at: intake.submittedAt, on: connection) else {
            throw MotCuaError.unknownProcedure(code: intake.procedure)
        }
        let known = Set(terms.documents.map(\.code))
        if let unknown = intake.documents.subtracting(known).sorted().first {
            throw MotCuaError.invalidInput(
                field: "documents", reason: "\(unknown) is not a document of procedure \(terms.code); its documents are \(known.sorted().joined(separator: ", "))")
        }
        let documents = terms.documents.map {
            IntakeResult.Document(code: $0.code, name: $0.name, copies: $0.copies, required: $0.required, provided: intake.allDocuments || intake.documents.contains($0.code))
        }
        let outcome: IntakeResult.Outcome =
            intake.refuseReason != nil ? .refused : (documents.contains { $0.required && !$0.provided } ? .supplementRequested : .received)
        let firstStep = try Routing.step(after: 0, procedure: terms.code, version: terms.version, on: connection)
        guard let firstStep else {
            throw MotCuaError.invalidInput(field: "procedure \(terms.code)", reason: "its route has no steps; fix the catalog")
        }
        let code = try DossierCodes.next(agencyEID: terms.agencyEID, at: intake.submittedAt, on: connection)
        let receivedAt = outcome == .received ? intake.submittedAt : nil
        let fee = terms.fee.amount(pages: intake.pages)
        let dossierID = try IntakeRecord.insert(
            code: code, terms: terms, intake: intake, outcome: outcome, receivedAt: receivedAt, fee: fee,
            documents: documents, actor: actor, on: connection)
        if outcome == .received {
            try Routing.route(dossierID: dossierID, from: .received, to: firstStep, actor: actor, on: connection)
        }
        return try IntakeRecord.result(dossierID: dossierID, on: connection)
    }
}
