/// What kind of work one step of a procedure's route is.
public enum StepKind: String, Sendable, Codable, CaseIterable {
    /// Done by the department's worker process under a lease (a registry lookup, issuing a code).
    case automatic
    /// An officer of the department reviews the dossier and decides.
    case review
    /// A leader of the department signs the result.
    case signature
}
