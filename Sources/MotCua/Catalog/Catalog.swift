import Foundation

/// A catalog file: departments of both generations, officers, and the current definition of
/// each procedure. Read it with ``parse(_:file:)`` or ``read(path:)``, which also validate it,
/// and load it with ``CatalogLoader``. The format is described in `sql/reference/README.md`.
public struct Catalog: Sendable, Equatable, Codable {
    /// The only format version this build reads.
    public static let formatVersion = 1

    /// The file the catalog was read from, as the operator named it (for messages).
    public internal(set) var file = ""
    /// The format version; must be ``formatVersion``.
    public var format: Int
    /// Free text for the people who edit the file (sources, what to verify).
    public var notes: String
    /// The departments and agencies.
    public var departments: [CatalogDepartment]
    /// The officers.
    public var officers: [CatalogOfficer]
    /// The procedures.
    public var procedures: [CatalogProcedure]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, notes, departments, officers, procedures
    }

    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Every part is decoded even when an earlier one failed, so one run reports every
        // bad element of the file.
        let format = try decoder.attempt { try container.decode(Int.self, forKey: .format) }
        let notes = try decoder.attempt { try container.decode(String.self, forKey: .notes, default: "") }
        let departments = try decoder.attempt { try container.decodeEach(CatalogDepartment.self, forKey: .departments) }
        let officers = try decoder.attempt { try container.decodeEach(CatalogOfficer.self, forKey: .officers, default: []) }
        let procedures = try decoder.attempt { try container.decodeEach(CatalogProcedure.self, forKey: .procedures, default: []) }
        guard let format, let notes, let departments, let officers, let procedures else { throw CatalogDecodingLog.AlreadyLogged() }
        self.format = format
        self.notes = notes
        self.departments = departments
        self.officers = officers
        self.procedures = procedures
    }
}
