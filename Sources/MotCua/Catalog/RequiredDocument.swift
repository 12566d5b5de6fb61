/// A document a dossier of a procedure must (or may) contain, checked at the desk.
public struct RequiredDocument: Sendable, Equatable, Codable {
    /// The code, lower case with underscores (`giay_de_nghi`).
    public var code: String
    /// The Vietnamese name.
    public var name: String
    /// How many copies; 1 when the file does not say.
    public var copies: Int
    /// Whether the dossier is incomplete without it; `true` when the file does not say.
    public var required: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, copies, required
    }

    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        copies = try container.decode(Int.self, forKey: .copies, default: 1)
        required = try container.decode(Bool.self, forKey: .required, default: true)
    }

    /// Creates a document (used when reading the catalog back from the database).
    public init(code: String, name: String, copies: Int, required: Bool) {
        self.code = code
        self.name = name
        self.copies = copies
        self.required = required
    }
}
