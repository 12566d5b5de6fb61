import CivilTime

/// A department or other agency with a desk at the center, as a catalog file states it; both
/// generations are kept, an ended one pointing to its successor.
public struct CatalogDepartment: Sendable, Equatable, Codable {
    /// What sort of agency it is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A department (sở) of the provincial People's Committee, or one of its offices.
        case department
        /// The provincial police.
        case police
        /// The tax authority.
        case tax
        /// A management board (industrial zones).
        case board
        /// The post office (pick-up and delivery).
        case post
        /// The service center itself.
        case center
        /// Social insurance.
        case socialInsurance = "social_insurance"
    }

    /// The code, in capitals (`STC`).
    public var code: String
    /// The Vietnamese name.
    public var name: String
    /// The agency e-ID that prefixes its dossier codes (`000.00.09.H19`).
    public var agencyEID: String
    /// The sort of agency; `department` when the file does not say.
    public var kind: Kind
    /// The first day it is in force.
    public var validFrom: CalendarDate
    /// The first day it is no longer in force, or `nil` while it is.
    public var validUntil: CalendarDate?
    /// The code of the department that took over its work.
    public var succeededBy: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, kind
        case agencyEID = "agency_eid"
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case succeededBy = "succeeded_by"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        agencyEID = try container.decode(String.self, forKey: .agencyEID)
        kind = try container.decodeChoice(Kind.self, forKey: .kind, default: .department)
        validFrom = try container.decode(CalendarDate.self, forKey: .validFrom)
        validUntil = try container.decodeIfPresent(CalendarDate.self, forKey: .validUntil)
        succeededBy = try container.decodeIfPresent(String.self, forKey: .succeededBy)
    }

    /// Whether it is in force on `day`.
    public func isInForce(on day: CalendarDate) -> Bool {
        validFrom <= day && validUntil.map { day < $0 } ?? true
    }
}
