import Foundation

extension ValidatedIntake {
    /// The submission as one canonical text (sorted JSON keys, normalised values, the documents
    /// sorted, the submission time only when the sender gave it): two sends of the same
    /// submission have the same text, so an idempotency key is bound to the SHA-256 of it.
    var canonicalForm: String {
        struct Canonical: Encodable {
            let procedure: String
            let channel: String
            let submittedAt: String?
            let kind: String
            let fullName: String
            let citizenID: String?
            let taxCode: String?
            let phone: String?
            let email: String?
            let address: String?
            let documents: [String]
            let allDocuments: Bool
            let pages: Int
            let refuseReason: String?
            let lateEntryReason: String?
        }
        let canonical = Canonical(
            procedure: procedure, channel: channel.rawValue, submittedAt: submittedAtGiven ? ISO8601DateFormatter().string(from: submittedAt) : nil,
            kind: applicant.kind.rawValue, fullName: applicant.fullName, citizenID: applicant.citizenID?.digits, taxCode: applicant.taxCode?.digits,
            phone: applicant.phone?.digits, email: applicant.email?.address, address: applicant.address, documents: documents.sorted(),
            allDocuments: allDocuments, pages: pages, refuseReason: refuseReason, lateEntryReason: lateEntryReason)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(canonical)) ?? Data(), as: UTF8.self)
    }
}
