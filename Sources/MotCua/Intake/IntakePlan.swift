import CivilTime
import Foundation

/// Everything intake decided about one submission before writing it: the procedure version,
/// the outcome, the documents, the fee, the deadline, and the dossier's first state and events.
struct IntakePlan: Sendable {
    struct Event: Sendable {
        let kind: DossierEventKind
        let from: DossierState?
        let to: DossierState
        let department: String?
        var details: [String: String] = [:]
    }

    let intake: ValidatedIntake
    let terms: ProcedureTerms
    let outcome: IntakeResult.Outcome
    let documents: [IntakeResult.Document]
    let fee: Decimal
    let deadline: Deadline?
    /// When the dossier was accepted (counted as received); nil unless received.
    let accepted: Date?
    /// The secret printed on the receipt for tracking (only its hash is stored).
    let trackingSecret: String

    /// Decides the outcome of `intake` under `terms`, computing the deadline on `calendar`. A
    /// submission time before the previous working day needs a late-entry reason.
    init(_ intake: ValidatedIntake, terms: ProcedureTerms, calendar: WorkingCalendar, trackingSecret: String = TrackingSecret.generate()) throws {
        let today = VietnamTime.day(of: intake.validatedAt)
        let earliest = VietnamTime.moment(on: calendar.addingWorkingDays(-1, to: today), secondsSinceMidnight: 0)
        if intake.submittedAt < earliest && intake.lateEntryReason == nil {
            throw MotCuaError.invalidInput(
                field: "submitted_at",
                reason:
                    "is before the previous working day (\(SlipFormat.format(VietnamTime.day(of: earliest)))); a dossier recorded this late needs --late-entry-reason (late_entry_reason in JSON) saying why"
            )
        }
        self.trackingSecret = trackingSecret
        let known = Set(terms.documents.map(\.code))
        if let unknown = intake.documents.subtracting(known).sorted().first {
            throw MotCuaError.invalidInput(
                field: "documents",
                reason: "\(unknown) is not a document of procedure \(terms.code); its documents are \(known.sorted().joined(separator: ", "))")
        }
        self.intake = intake
        self.terms = terms
        documents = terms.documents.map {
            IntakeResult.Document(
                code: $0.code, name: $0.name, copies: $0.copies, required: $0.required, provided: intake.allDocuments || intake.documents.contains($0.code))
        }
        outcome = intake.refuseReason != nil ? .refused : (documents.contains { $0.required && !$0.provided } ? .supplementRequested : .received)
        fee = terms.fee.amount(pages: intake.pages, channel: intake.channel)
        deadline =
            outcome == .received
            ? DeadlineCalculator(calendar: calendar).deadline(
                for: terms.limit, receivedAt: intake.submittedAt, mode: intake.channel.submissionMode, policy: terms.policy)
            : nil
        accepted =
            outcome == .received
            ? DeadlineCalculator(calendar: calendar).acceptance(of: intake.submittedAt, mode: intake.channel.submissionMode, policy: terms.policy)
            : nil
    }

    /// The state the dossier is stored in.
    var state: DossierState {
        switch outcome {
        case .received: return .routed
        case .supplementRequested: return .awaitingSupplement
        case .refused: return .refused
        }
    }

    /// The events recorded at intake, in order; the first carries the late-entry reason.
    var events: [Event] {
        var events: [Event]
        switch outcome {
        case .received:
            events = [
                Event(kind: .received, from: nil, to: .received, department: nil),
                Event(kind: .routed, from: .received, to: .routed, department: terms.firstStep.department),
            ]
        case .supplementRequested:
            events = [Event(kind: .supplementRequested, from: nil, to: .awaitingSupplement, department: nil)]
        case .refused:
            events = [Event(kind: .refused, from: nil, to: .refused, department: nil)]
        }
        if let reason = intake.lateEntryReason { events[0].details["late_entry_reason"] = reason }
        if let deadline, let accepted {
            // The acceptance, the start of the clock and the appointment, which the reports' projection reads.
            events[0].details["received_at"] = EventLog.instant(accepted)
            events[0].details["clock_started_at"] = EventLog.instant(deadline.effectiveReceipt)
            events[0].details["due_at"] = EventLog.instant(deadline.dueMoment)
        }
        return events
    }

    /// The desk's result once the dossier is stored.
    func result(_ stored: IntakeRecord.Stored) -> IntakeResult {
        IntakeResult(
            outcome: outcome, dossierCode: stored.code, procedureCode: terms.code, procedureVersion: terms.version,
            procedureName: terms.name, channel: intake.channel, applicantName: intake.applicant.fullName,
            submittedAt: stored.submittedAt, receivedAt: stored.receivedAt, clockStartsAt: deadline?.effectiveReceipt, dueDate: deadline?.dueDate,
            dueAt: stored.dueAt,
            firstDepartment: outcome == .received ? terms.firstStep.department : nil, fee: fee, documents: documents,
            reason: intake.refuseReason, trackingSecret: trackingSecret)
    }
}
