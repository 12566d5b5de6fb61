import Postgres

extension CatalogProcedure {
    /// The `definition_hash` of this definition: SHA-256 (hex) of its canonical form's `jsonb`
    /// text. PostgreSQL orders a jsonb's keys and fixes its spacing, so the hash depends on the
    /// content only, not on how the file or the encoder laid it out; keys the file left out are
    /// hashed with their default values, so writing a default or omitting it is the same.
    func definitionHash(on connection: isolated Connection) throws -> String {
        try connection.query(Self.definitionHashStatement, [PostgresJSON(canonical)]).single().decode("hash")
    }

    /// `$1` the canonical definition (`jsonb`).
    static let definitionHashStatement = "SELECT encode(sha256(convert_to($1::text, 'UTF8')), 'hex') AS hash"
}
