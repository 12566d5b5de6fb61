import Foundation

/// One submission as the desk (or the online portal, or a batch file) sends it, before
/// validation. JSON keys are snake_case; see README.md ("Intake") for an example.
public struct IntakeRequest: Sendable, Equatable, Codable {
    /// The national procedure code (`2.001610`).
    public var procedure: String
    /// `desk`, `online` or `post`; default `desk`.
    public var channel: String?
    /// When the dossier was handed in or sent; default now.
    public var submittedAt: Date?
    /// A key the sender picks per submission, so a retried submission creates one dossier.
    public var idempotencyKey: String?
    /// Who the dossier is for.
    public var applicant: RawApplicant?
    /// Codes of the documents handed in (from the procedure's list).
    public var documents: [String]?
    /// True when every document of the procedure's list was handed in (instead of listing them).
    public var allDocuments: Bool?
    /// Pages to certify or copies requested, for per-page and per-copy fees.
    public var pages: Int?
    /// Set when the desk refuses the dossier outright; the reason goes on the refusal slip.
    public var refuseReason: String?
    /// Why a dossier handed in before the previous working day is recorded only now (required
    /// then); recorded in its first event.
    public var lateEntryReason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case procedure, channel, applicant, documents, pages
        case submittedAt = "submitted_at"
        case idempotencyKey = "idempotency_key"
        case refuseReason = "refuse_reason"
        case allDocuments = "all_documents"
        case lateEntryReason = "late_entry_reason"
    }

    /// Decodes a submission, refusing any key it does not know (a misspelt `all_documents` must
    /// not silently turn a receipt into a supplement request), with the nearest known key.
    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        procedure = try container.decode(String.self, forKey: .procedure)
        channel = try container.decodeIfPresent(String.self, forKey: .channel)
        submittedAt = try container.decodeIfPresent(Date.self, forKey: .submittedAt)
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
        applicant = try container.decodeIfPresent(RawApplicant.self, forKey: .applicant)
        documents = try container.decodeIfPresent([String].self, forKey: .documents)
        allDocuments = try container.decodeIfPresent(Bool.self, forKey: .allDocuments)
        pages = try container.decodeIfPresent(Int.self, forKey: .pages)
        refuseReason = try container.decodeIfPresent(String.self, forKey: .refuseReason)
        lateEntryReason = try container.decodeIfPresent(String.self, forKey: .lateEntryReason)
    }

    /// Creates a request.
    public init(
        procedure: String, channel: String? = nil, submittedAt: Date? = nil, idempotencyKey: String? = nil,
        applicant: RawApplicant? = nil, documents: [String]? = nil, allDocuments: Bool? = nil, pages: Int? = nil, refuseReason: String? = nil,
        lateEntryReason: String? = nil
    ) {
        self.lateEntryReason = lateEntryReason
        self.allDocuments = allDocuments
        self.procedure = procedure
        self.channel = channel
        self.submittedAt = submittedAt
        self.idempotencyKey = idempotencyKey
        self.applicant = applicant
        self.documents = documents
        self.pages = pages
        self.refuseReason = refuseReason
    }
}

/// A request that passed validation: every field checked and normalised.
public struct ValidatedIntake: Sendable, Equatable {
    public let procedure: String
    public let channel: Channel
    public let submittedAt: Date
    public let idempotencyKey: String?
    public let applicant: Applicant
    public let documents: Set<String>
    /// Every document of the procedure's list was handed in.
    public let allDocuments: Bool
    public let pages: Int
    public let refuseReason: String?
    /// Where the submission came from, for error messages (`batch.jsonl line 3`); nil for one
    /// given on the command line.
    public let place: String?
    /// Why a dossier handed in before the previous working day is recorded only now.
    public let lateEntryReason: String?
    /// True when the sender gave the submission time (false: it is the moment of validation).
    public let submittedAtGiven: Bool
    /// The business time the submission was validated at.
    public let validatedAt: Date

    /// How far ahead of the business clock a given submission time may be (a desk PC's clock
    /// running slightly fast); later is "in the future".
    public static let clockTolerance: TimeInterval = 60

    /// Checks everything that can be checked without the database; errors name the field
    /// (prefixed with `path`, such as `line 3`) and the rule, never personal data.
    public init(_ request: IntakeRequest, path: String? = nil, now: Date) throws {
        func field(_ name: String) -> String { path.map { "\($0): \(name)" } ?? name }
        place = path
        let code = request.procedure.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else {
            throw MotCuaError.invalidInput(
                field: field("procedure"), reason: "must be a procedure code such as 2.001610 (letters, digits and dots, at most 32)")
        }
        procedure = code
        guard let channel = Channel(rawValue: request.channel ?? "desk") else {
            throw MotCuaError.invalidInput(field: field("channel"), reason: "\"\(request.channel ?? "")\" is not a channel; use desk, online or post")
        }
        self.channel = channel
        submittedAt = request.submittedAt ?? now
        submittedAtGiven = request.submittedAt != nil
        validatedAt = now
        guard submittedAt <= now.addingTimeInterval(Self.clockTolerance) else {
            throw MotCuaError.invalidInput(
                field: field("submitted_at"), reason: "is in the future (the business clock reads \(SlipFormat.format(now))); give the time it was handed in")
        }
        lateEntryReason = try request.lateEntryReason.map { try FreeText.validate($0, field: field("late_entry_reason"), maxLength: 1000) }
        if let key = request.idempotencyKey {
            guard !key.isEmpty, key.utf8.count <= 200, !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw MotCuaError.invalidInput(field: field("idempotency_key"), reason: "must be 1 to 200 bytes without control characters")
            }
        }
        idempotencyKey = request.idempotencyKey
        guard let raw = request.applicant else {
            throw MotCuaError.invalidInput(
                field: field("applicant"), reason: "is required (kind, full_name, and citizen_id for a person or tax_code for an organisation)")
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        applicant = try Applicant(raw, path: field("applicant"), currentYear: year)
        let codes = request.documents ?? []
        for (index, code) in codes.enumerated()
        where code.isEmpty || code.count > 64 || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
            throw MotCuaError.invalidInput(
                field: field("documents[\(index)]"), reason: "must be a document code from the procedure's list (lower-case letters, digits, _)")
        }
        documents = Set(codes)
        allDocuments = request.allDocuments ?? false
        let pages = request.pages ?? 1
        guard (1...10_000).contains(pages) else {
            throw MotCuaError.invalidInput(field: field("pages"), reason: "must be between 1 and 10000")
        }
        self.pages = pages
        refuseReason = try request.refuseReason.map { try FreeText.validate($0, field: field("refuse_reason"), maxLength: 1000) }
    }
}
