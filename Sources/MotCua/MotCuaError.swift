/// An error a MotCua operator can act on; its description says what is wrong and how to fix it,
/// and never contains personal data.
public enum MotCuaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No database was configured and the embedded cluster is not running.
    case databaseNotConfigured(directory: String)
    /// The SQL folder with migrations could not be found.
    case sqlDirectoryNotFound(searched: [String])
    /// A migration file name does not follow `NNNN_name.sql`, or two files share a number.
    case badMigrationName(file: String, reason: String)
    /// An applied migration's file has changed since it was applied.
    case migrationChanged(file: String, appliedChecksum: String, fileChecksum: String)
    /// A migration recorded as applied has no file any more.
    case migrationMissing(file: String)
    /// A migration failed to apply; nothing of it was kept.
    case migrationFailed(file: String, reason: String)
    /// The database has not been migrated to the version this binary expects.
    case schemaNotMigrated(pending: [String])
    /// A procedure code is not in the catalog (or not effective).
    case unknownProcedure(code: String)
    /// A department code is not in the catalog.
    case unknownDepartment(code: String)
    /// No step of the dossier waits for an officer's decision.
    case nothingToDecide(dossier: String, state: String)
    /// The officer is not of the department holding the dossier's step; nothing was changed.
    case notOfficerOfDepartment(officer: String, department: String, dossier: String)
    /// The officer is neither of the center's desk nor of a department holding the dossier; nothing was changed.
    case mayNotAct(officer: String, dossier: String)
    /// The decision does not fit the kind of step (approving a signature, signing a review).
    case wrongDecision(dossier: String, step: String, hint: String)
    /// An officer code is not an active officer of the catalog.
    case unknownOfficer(code: String)
    /// A value given on the command line or in a file is not valid.
    case invalidInput(field: String, reason: String)
    /// No dossier matches a tracking request (the code, or the secret or phone digits, are wrong,
    /// or the dossier answers only to its secret after wrong guesses).
    case trackingNoMatch
    /// No dossier has this code.
    case unknownDossier(code: String)
    /// An agency's four-digit dossier sequence ran out for a day.
    case dailySequenceExhausted
    /// A dossier cannot go from its state to the one asked for; nothing was written.
    case illegalTransition(dossier: String, from: String, to: String, allowed: [String])
    /// The actor may not read a dossier's personal data (not an active officer of a department
    /// holding it, nor of the center's desk); the refusal was logged.
    case accessRefused(dossier: String)
    /// An idempotency key already names another submission; nothing was recorded.
    case idempotencyConflict(key: String)
    /// A row of the database holds what the rules it was written under forbid (restored from a
    /// bad backup, or edited by hand).
    case corruptRow(what: String, reason: String)
    /// A work item ID names no item of the queue (or one already moved to history).
    case unknownWorkItem(id: Int64)
    /// A work item is not in a state the action applies to.
    case workItemNotInState(id: Int64, state: String, expected: [String])

    public var description: String {
        switch self {
        case .databaseNotConfigured(let directory):
            return
                "no database is configured and the embedded cluster (\(directory)) is not running; start it with `motcua db start`, or pass --database-url / set MOTCUA_DATABASE_URL"
        case .sqlDirectoryNotFound(let searched):
            return "the sql/migrations folder was not found (looked in: \(searched.joined(separator: ", "))); set MOTCUA_SQL_DIR to the project's sql folder"
        case .badMigrationName(let file, let reason):
            return "migration file \(file): \(reason); name migrations NNNN_description.sql with a unique four-digit number"
        case .migrationChanged(let file, let applied, let current):
            return
                "migration \(file) was changed after it was applied (applied checksum \(applied.prefix(12))…, file now \(current.prefix(12))…); restore the file and put the change in a new migration"
        case .migrationMissing(let file):
            return "migration \(file) is recorded as applied but its file is missing; restore it from version control"
        case .migrationFailed(let file, let reason):
            return "migration \(file) failed and was rolled back: \(reason)"
        case .schemaNotMigrated(let pending):
            return "the database is missing migrations \(pending.joined(separator: ", ")); run `motcua migrate`"
        case .unknownProcedure(let code):
            return "procedure \(code) is not in the catalog; check the code against the published procedure list"
        case .unknownDepartment(let code):
            return "department \(code) is not in the catalog; check the code (department codes are in capitals, such as STC)"
        case .nothingToDecide(let dossier, let state):
            return "dossier \(dossier) is \(state); no step of it waits for an officer's decision (see `motcua inbox --officer CODE`)"
        case .notOfficerOfDepartment(let officer, let department, let dossier):
            return "\(officer) is not an officer of \(department), which holds dossier \(dossier); only its officers decide on it, so nothing was changed"
        case .mayNotAct(let officer, let dossier):
            return "\(officer) is not an active officer of the center's desk or of a department holding dossier \(dossier); nothing was changed"
        case .wrongDecision(let dossier, let step, let hint):
            return "the step of dossier \(dossier) waiting for a decision is a \(step) step; use `motcua decide \(hint)` for it"
        case .unknownOfficer(let code):
            return "\(code) is not an active officer of the catalog; check the officer code (such as stp.cb01) with the catalog file"
        case .invalidInput(let field, let reason):
            return "\(field): \(reason)"
        case .trackingNoMatch:
            return "no dossier matches that code with that secret or phone number; check both against the receipt"
        case .unknownDossier(let code):
            return "no dossier has the code \(code); check it against the receipt"
        case .illegalTransition(let dossier, let from, let to, let allowed):
            let next = allowed.isEmpty ? "nothing: \(from) is final" : allowed.joined(separator: ", ")
            return "dossier \(dossier) is \(from) and cannot become \(to); from \(from) it can become \(next); nothing was changed"
        case .accessRefused(let dossier):
            return
                "the personal data of dossier \(dossier) is shown only to an active officer of a department holding it or of the center's desk; --actor is not one, so nothing was shown (the refusal was logged)"
        case .idempotencyConflict(let key):
            return
                "idempotency key \"\(key)\" was already used for a different submission; nothing was recorded. A retry must send exactly the same submission; give a new submission a new key"
        case .corruptRow(let what, let reason):
            return "the stored \(what) is corrupt: \(reason); reload the catalog, or restore the row from a backup"
        case .unknownWorkItem(let id):
            return "no live work item has the ID \(id); list a department's items with `motcua queue --department CODE`"
        case .workItemNotInState(let id, let state, let expected):
            return "work item \(id) is \(state), and this applies only to items that are \(expected.joined(separator: " or ")); nothing was changed"
        case .dailySequenceExhausted:
            return "an agency has used all 9,999 dossier numbers of the day (the daily sequence has four digits); nothing of this group was recorded"
        }
    }
}
