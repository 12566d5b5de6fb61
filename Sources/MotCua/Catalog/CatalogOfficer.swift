/// An officer of a department, as a catalog file states it. The display name is personal data:
/// it is stored, never logged or echoed in errors.
public struct CatalogOfficer: Sendable, Equatable, Codable {
    /// What the officer may do.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Reviews dossiers.
        case officer
        /// Also signs results.
        case leader
    }

    /// The login-style code (`stc.cb01`).
    public var code: String
    /// The code of the officer's department.
    public var department: String
    /// The name shown in inboxes and slips.
    public var displayName: String
    /// The role; `officer` when the file does not say.
    public var role: Role
    /// Whether the officer takes work; `true` when the file does not say.
    public var active: Bool
    /// Codes of the procedures whose review and signature steps at the officer's department go
    /// to this officer first (the least loaded of the officers so configured); none when the
    /// file does not say, and such an officer takes any procedure.
    public var procedures: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, department, role, active, procedures
        case displayName = "display_name"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        department = try container.decode(String.self, forKey: .department)
        displayName = try container.decode(String.self, forKey: .displayName)
        role = try container.decodeChoice(Role.self, forKey: .role, default: .officer)
        active = try container.decode(Bool.self, forKey: .active, default: true)
        procedures = try container.decode([String].self, forKey: .procedures, default: [])
    }
}
