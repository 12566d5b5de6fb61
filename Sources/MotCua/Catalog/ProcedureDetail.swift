/// A procedure version's full definition, with the validity of every version of the procedure.
public struct ProcedureDetail: Sendable, Equatable, Codable {
    /// The version shown.
    public let version: ProcedureVersion
    /// Its definition, in the catalog file's format.
    public let definition: CatalogProcedure
    /// All versions of the procedure, oldest first.
    public let versions: [ProcedureVersion]
}
