import CivilTime
import Foundation

/// What the desk hands back for one submission: a receipt with the appointment date, a
/// request to supplement listing every missing item, or a refusal with its reason.
public struct IntakeResult: Sendable, Equatable, Codable {
    /// The three outcomes at the desk.
    public enum Outcome: String, Sendable, Codable {
        /// Complete and accepted at `receivedAt`; the clock runs from `clockStartsAt` (slip Mẫu 01).
        case received
        /// Incomplete; every missing item is listed (slip Mẫu 02). Not received yet.
        case supplementRequested = "supplement_requested"
        /// Refused at the desk with a reason (slip Mẫu 03).
        case refused
    }

    /// A document of the procedure's list and whether it was handed in.
    public struct Document: Sendable, Equatable, Codable {
        public let code: String
        public let name: String
        public let copies: Int
        public let required: Bool
        public let provided: Bool
    }

    public let outcome: Outcome
    public let dossierCode: String
    public let procedureCode: String
    public let procedureVersion: Int
    public let procedureName: String
    public let channel: Channel
    /// The applicant's name as printed on the slip (personal data: never log this value).
    public let applicantName: String
    public let submittedAt: Date
    /// When the dossier was accepted and counts as received (in office hours at once, else the
    /// next opening); nil unless received.
    public let receivedAt: Date?
    /// When its clock starts: the acceptance, or the next working day's opening after the 15:00
    /// cut-off for the procedures that apply it; nil unless received.
    public let clockStartsAt: Date?
    /// The appointment date for the result; nil unless received.
    public let dueDate: CalendarDate?
    /// The deadline moment (end of office hours of the due date); nil unless received.
    public let dueAt: Date?
    /// The department the dossier went to first; nil unless received.
    public let firstDepartment: String?
    /// The fee in đồng.
    public let fee: Decimal
    /// The procedure's documents with what was handed in.
    public let documents: [Document]
    /// The refusal reason, for a refusal.
    public let reason: String?
    /// The tracking secret printed on this slip, when this answer issued one (a new dossier, or
    /// a retry, which issues a fresh one and voids the earlier); nil when read back later, since
    /// only its hash is stored.
    public var trackingSecret: String?

    /// The documents a supplement request must list: required and not handed in.
    public var missingDocuments: [Document] { documents.filter { $0.required && !$0.provided } }
}
