import Foundation

/// The person or organisation a dossier is for: personal data, validated and normalised.
public struct Applicant: Sendable, Equatable, Codable {
    /// Whether the applicant is a person or an organisation.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case person
        case organisation
    }

    public let kind: Kind
    /// The full name (of the person, or of the organisation), NFC.
    public let fullName: String
    /// A person's citizen ID; required for persons.
    public let citizenID: CitizenID?
    /// An organisation's enterprise/tax code; required for organisations.
    public let taxCode: TaxCode?
    /// A mobile number, used for notifications and for tracking (last four digits).
    public let phone: PhoneNumber?
    public let email: EmailAddress?
    public let address: String?

    /// Validates raw input; every error names the field (under `path`) and the rule.
    public init(_ raw: RawApplicant, path: String = "applicant", currentYear: Int) throws {
        guard let kind = Kind(rawValue: raw.kind ?? "person") else {
            throw MotCuaError.invalidInput(field: "\(path).kind", reason: "must be person or organisation")
        }
        self.kind = kind
        fullName = try FreeText.validate(raw.fullName ?? "", field: "\(path).full_name", maxLength: 200)
        citizenID = try raw.citizenID.map { try CitizenID(validating: $0, field: "\(path).citizen_id", currentYear: currentYear) }
        taxCode = try raw.taxCode.map { try TaxCode(validating: $0, field: "\(path).tax_code") }
        phone = try raw.phone.map { try PhoneNumber(validating: $0, field: "\(path).phone") }
        email = try raw.email.map { try EmailAddress(validating: $0, field: "\(path).email") }
        address = try raw.address.map { try FreeText.validate($0, field: "\(path).address", maxLength: 500) }
        if kind == .person && citizenID == nil {
            throw MotCuaError.invalidInput(field: "\(path).citizen_id", reason: "is required for a person (12-digit CCCD)")
        }
        if kind == .organisation && taxCode == nil {
            throw MotCuaError.invalidInput(field: "\(path).tax_code", reason: "is required for an organisation")
        }
    }
}

/// Applicant fields as typed or sent, before validation.
public struct RawApplicant: Sendable, Equatable, Codable {
    public var kind: String?
    public var fullName: String?
    public var citizenID: String?
    public var taxCode: String?
    public var phone: String?
    public var email: String?
    public var address: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, phone, email, address
        case fullName = "full_name"
        case citizenID = "citizen_id"
        case taxCode = "tax_code"
    }

    /// Decodes raw applicant fields, refusing any key it does not know, with the nearest one.
    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        fullName = try container.decodeIfPresent(String.self, forKey: .fullName)
        citizenID = try container.decodeIfPresent(String.self, forKey: .citizenID)
        taxCode = try container.decodeIfPresent(String.self, forKey: .taxCode)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        address = try container.decodeIfPresent(String.self, forKey: .address)
    }

    /// Creates raw input.
    public init(
        kind: String? = nil, fullName: String? = nil, citizenID: String? = nil, taxCode: String? = nil, phone: String? = nil, email: String? = nil,
        address: String? = nil
    ) {
        self.kind = kind
        self.fullName = fullName
        self.citizenID = citizenID
        self.taxCode = taxCode
        self.phone = phone
        self.email = email
        self.address = address
    }
}
