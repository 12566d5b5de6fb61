import CivilTime
import Foundation
import Postgres

/// Records submissions. One statement writes the applicant, the dossier with its code, the
/// documents handed in, the events, the personal-data access of printing the slip, and — when
/// the dossier is received — the work item for the first department; a single statement is a
/// transaction of its own, so all of it happens or none of it does. The caller rings the first
/// department's ``Doorbell`` after this returns.
public struct IntakeService: Sendable {
    /// Who is recorded as the actor (a desk ID, `online-portal`, …).
    public let actor: String
    private let procedures = ExpiringCache<ProcedureKey, ProcedureTerms>()
    private let calendars = ExpiringCache<Int, WorkingCalendar>()

    private struct ProcedureKey: Hashable, Sendable {
        let code: String
        let day: CalendarDate
    }

    /// Creates the service for an actor.
    public init(actor: String = "intake") { self.actor = actor }

    /// Handles one validated submission; a submission whose idempotency key was seen before
    /// returns the first result and changes nothing.
    public func submit(_ intake: ValidatedIntake, on connection: Connection) async throws -> IntakeResult {
        if let key = intake.idempotencyKey, let earlier = try await IntakeRecord.result(idempotencyKey: key, on: connection) {
            return earlier
        }
        let key = ProcedureKey(code: intake.procedure, day: VietnamTime.day(of: intake.submittedAt))
        let loaded = try await procedures.value(for: key) {
            try await connection.run { try ProcedureTerms.load(code: intake.procedure, at: intake.submittedAt, on: $0) }
        }
        guard let terms = loaded else { throw MotCuaError.unknownProcedure(code: intake.procedure) }
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
        let fee = terms.fee.amount(pages: intake.pages)
        var deadline: Deadline?
        if outcome == .received {
            let calendar = try await calendars.value(for: 0, loading: { try await CalendarStore.calendar(on: connection) })
            deadline = DeadlineCalculator(calendar: calendar).deadline(
                for: terms.limit, receivedAt: intake.submittedAt, mode: intake.channel.submissionMode, policy: terms.policy)
        }
        do {
            let stored = try await IntakeRecord.insert(
                terms: terms, intake: intake, outcome: outcome, deadline: deadline, fee: fee, documents: documents, actor: actor, on: connection)
            return IntakeResult(
                outcome: outcome, dossierCode: stored.code, procedureCode: terms.code, procedureVersion: terms.version,
                procedureName: terms.name, channel: intake.channel, applicantName: intake.applicant.fullName,
                submittedAt: stored.submittedAt, receivedAt: stored.receivedAt, dueDate: deadline?.dueDate, dueAt: stored.dueAt,
                firstDepartment: outcome == .received ? terms.firstStep.department : nil, fee: fee, documents: documents,
                reason: intake.refuseReason)
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == "dossier_idempotency_key_key" {
            // A concurrent retry of the same submission committed first: answer with its result.
            guard let key = intake.idempotencyKey, let earlier = try await IntakeRecord.result(idempotencyKey: key, on: connection) else { throw error }
            return earlier
        } catch let error as PostgresError where error.sqlState == SQLState.checkViolation && error.constraint == "dossier_code_counter_last_number_check" {
            throw MotCuaError.dailySequenceExhausted(agency: terms.agencyEID, day: "the day of submission")
        }
    }
}
