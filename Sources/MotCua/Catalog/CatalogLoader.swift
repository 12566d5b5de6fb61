import CivilTime
import Postgres

/// Loads a validated ``Catalog`` into the database in one transaction, idempotently.
///
/// Departments and officers are upserted by code. Each procedure's ``CatalogProcedure``
/// definition is hashed (`definition_hash`) and compared with its latest version: the same hash
/// changes nothing; a different one inserts version N+1 with its documents and steps, effective
/// from the file's `effective_from`, and ends version N on that day, so dossiers received
/// before keep version N. A latest version without a hash (the 0002 seed, or rows entered by
/// hand) is compared by content: identical content gets its hash recorded, different content
/// becomes a new version. When a new version cannot take effect on the file's date (not after
/// the latest version's, or dossiers were already received under the latest version on or after
/// it), every such conflict is reported and nothing is written. A new version taking effect
/// before today (business time) would cut the validity of a predecessor that dossiers use
/// retroactively: it needs a backdate reason, which is logged (a predecessor no dossier ever
/// used, such as the 0002 seed in a fresh database, can be replaced from any date). Entries of the database that the file does not mention are
/// left alone.
public struct CatalogLoader: Sendable {
    /// The transaction-level advisory lock that serialises concurrent loads.
    static let lockKey: Int64 = 0x6D63_6361_7461

    /// Why new versions may take effect before today (nil: they may not).
    public let backdateReason: String?
    /// Who loads the catalog, recorded with a backdated version.
    public let actor: String

    /// Creates a loader; `backdateReason` allows new versions to take effect in the past.
    public init(backdateReason: String? = nil, actor: String = "catalog load") {
        self.backdateReason = backdateReason
        self.actor = actor
    }

    /// Loads `catalog`; throws ``InvalidCatalog`` (nothing written) on version conflicts.
    public func load(_ catalog: Catalog, on connection: Connection) async throws -> CatalogLoadSummary {
        try await connection.transaction { connection in try self.load(catalog, on: connection) }
    }

    private func load(_ catalog: Catalog, on connection: isolated Connection) throws -> CatalogLoadSummary {
        try connection.query(Self.lockStatement, [Self.lockKey])
        let today = VietnamTime.day(of: try DatabaseClock.now(on: connection))
        var summary = CatalogLoadSummary(file: catalog.file)
        for department in Self.successorsFirst(catalog.departments) {
            summary.departments.count(try Self.upsert(department, on: connection))
        }
        for officer in catalog.officers {
            let change = try Self.upsert(officer, on: connection)
            let reassigned = try Self.assignProcedures(of: officer, on: connection)
            summary.officers.count(change == .unchanged && reassigned ? .updated : change)
        }
        var conflicts: [CatalogIssue] = []
        for (index, procedure) in catalog.procedures.enumerated() {
            switch try load(procedure, today: today, on: connection) {
            case .success(let outcome):
                summary.procedures.append(outcome)
            case .failure(let conflict):
                conflicts.append(CatalogIssue(file: catalog.file, location: "procedures[\(index)].effective_from", problem: conflict.problem))
            }
        }
        guard conflicts.isEmpty else { throw InvalidCatalog(issues: conflicts) }
        return summary
    }

    /// `$1` the advisory-lock key (``lockKey``).
    static let lockStatement = "SELECT pg_advisory_xact_lock($1)"

    /// Departments ordered so that each comes after its successor (the foreign key of
    /// `succeeded_by` is checked row by row).
    static func successorsFirst(_ departments: [CatalogDepartment]) -> [CatalogDepartment] {
        var byCode: [String: CatalogDepartment] = [:]
        for department in departments where byCode[department.code] == nil { byCode[department.code] = department }
        var placed: Set<String> = []
        var ordered: [CatalogDepartment] = []
        func place(_ department: CatalogDepartment) {
            guard placed.insert(department.code).inserted else { return }
            if let successor = department.succeededBy.flatMap({ byCode[$0] }) { place(successor) }
            ordered.append(department)
        }
        departments.forEach(place)
        return ordered
    }

    /// The change an upsert made: `RETURNING` yields no row when the `WHERE` found nothing to
    /// change, and `xmax = 0` marks a row this statement inserted rather than updated.
    private static func change(of rows: Rows) throws -> CatalogLoadSummary.Change {
        guard let row = rows.first else { return .unchanged }
        return try row.decode("inserted", as: Bool.self) ? .added : .updated
    }

    private static func upsert(_ department: CatalogDepartment, on connection: isolated Connection) throws -> CatalogLoadSummary.Change {
        try change(
            of: connection.query(
                upsertDepartmentStatement,
                [
                    department.code, department.name, department.agencyEID, department.kind.rawValue,
                    department.validFrom, department.validUntil, department.succeededBy,
                ]))
    }

    /// `$1` code, `$2` name, `$3` agency EID, `$4` kind, `$5` valid from, `$6` valid until, `$7` successor.
    static let upsertDepartmentStatement = """
        INSERT INTO department AS d (code, name, agency_eid, kind, valid_from, valid_until, succeeded_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (code) DO UPDATE SET
            name = EXCLUDED.name, agency_eid = EXCLUDED.agency_eid, kind = EXCLUDED.kind,
            valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, succeeded_by = EXCLUDED.succeeded_by
        WHERE (d.name, d.agency_eid, d.kind, d.valid_from, d.valid_until, d.succeeded_by)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.agency_eid, EXCLUDED.kind, EXCLUDED.valid_from, EXCLUDED.valid_until, EXCLUDED.succeeded_by)
        RETURNING (xmax = 0) AS inserted
        """

    private static func upsert(_ officer: CatalogOfficer, on connection: isolated Connection) throws -> CatalogLoadSummary.Change {
        try change(
            of: connection.query(
                upsertOfficerStatement, [officer.code, officer.department, officer.displayName, officer.role.rawValue, officer.active]))
    }

    /// `$1` code, `$2` department, `$3` display name, `$4` role, `$5` active.
    static let upsertOfficerStatement = """
        INSERT INTO officer AS o (code, department_code, display_name, role, active)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (code) DO UPDATE SET
            department_code = EXCLUDED.department_code, display_name = EXCLUDED.display_name,
            role = EXCLUDED.role, active = EXCLUDED.active
        WHERE (o.department_code, o.display_name, o.role, o.active)
              IS DISTINCT FROM (EXCLUDED.department_code, EXCLUDED.display_name, EXCLUDED.role, EXCLUDED.active)
        RETURNING (xmax = 0) AS inserted
        """

    /// Makes the officer's configured procedures those of the file; true when that changed any.
    private static func assignProcedures(of officer: CatalogOfficer, on connection: isolated Connection) throws -> Bool {
        let changed: Int = try connection.query(assignProceduresStatement, [officer.code, officer.procedures]).single().decode("changed")
        return changed > 0
    }

    /// `$1` officer, `$2` the codes of the procedures configured for them.
    static let assignProceduresStatement = """
        WITH gone AS (
            DELETE FROM officer_procedure WHERE officer_code = $1 AND procedure_code <> ALL ($2)
            RETURNING 1
        ), added AS (
            INSERT INTO officer_procedure (officer_code, procedure_code)
            SELECT $1, code FROM unnest($2::text[]) AS code
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM added) AS changed
        """

    /// Why a procedure's new version cannot take effect on the file's date.
    private struct Conflict: Error {
        let problem: String
    }

    private func load(
        _ procedure: CatalogProcedure, today: CalendarDate, on connection: isolated Connection
    ) throws -> Result<CatalogLoadSummary.ProcedureOutcome, Conflict> {
        let hash = try procedure.definitionHash(on: connection)
        let code = procedure.code
        guard let latest = try connection.query(Self.latestVersionStatement, [code]).first else {
            try Self.insert(procedure, version: 1, hash: hash, on: connection)
            return .success(.init(code: code, version: 1, change: .new))
        }
        let version: Int = try latest.decode("version")
        let storedHash: String? = try latest.decode("definition_hash")
        if storedHash == hash { return .success(.init(code: code, version: version, change: .unchanged)) }
        if storedHash == nil,
            try CatalogReader.definition(code: code, version: version, on: connection)?.definitionHash(on: connection) == hash
        {
            try connection.query(Self.recordHashStatement, [code, version, hash])
            return .success(.init(code: code, version: version, change: .hashRecorded))
        }
        let latestFrom: CalendarDate = try latest.decode("effective_from")
        guard procedure.effectiveFrom > latestFrom else {
            return .failure(
                Conflict(
                    problem:
                        "\(code) differs from its version \(version), in force from \(latestFrom), so it becomes version \(version + 1), which must take effect later; set effective_from after \(latestFrom)"
                ))
        }
        let receivedSince: Int = try connection.query(Self.receivedSinceStatement, [code, version, procedure.effectiveFrom]).single().decode("n")
        guard receivedSince == 0 else {
            return .failure(
                Conflict(
                    problem:
                        "\(receivedSince) dossier(s) of \(code) were submitted or received under version \(version) on or after \(procedure.effectiveFrom); version \(version + 1) must take effect after the last of them, so set a later effective_from"
                ))
        }
        if procedure.effectiveFrom < today, try connection.query(CatalogRetraction.usedStatement, [code, version]).single().decode("n", as: Int.self) > 0 {
            guard let backdateReason else {
                return .failure(
                    Conflict(
                        problem:
                            "\(procedure.effectiveFrom) is before today (\(today)): version \(version + 1) of \(code) would end version \(version) retroactively; set effective_from to today or later, or give --backdate-reason to do it on purpose"
                    ))
            }
            try ReferenceLog.append(
                .procedureVersionBackdated, subject: "procedure \(code) version \(version + 1)", actor: actor, reason: backdateReason,
                details: ["effective_from": procedure.effectiveFrom.description, "today": today.description], on: connection)
        }
        try connection.query(Self.endVersionStatement, [code, version, procedure.effectiveFrom])
        try Self.insert(procedure, version: version + 1, hash: hash, on: connection)
        return .success(.init(code: code, version: version + 1, change: .newVersion))
    }

    /// `$1` procedure code.
    static let latestVersionStatement =
        "SELECT version, effective_from, definition_hash FROM procedure WHERE code = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE"

    /// `$1` procedure code, `$2` version, `$3` definition hash.
    static let recordHashStatement = "UPDATE procedure SET definition_hash = $3 WHERE code = $1 AND version = $2"

    /// `$1` procedure code, `$2` version, `$3` the day the next version takes effect.
    static let receivedSinceStatement = """
        SELECT count(*) AS n FROM dossier
        WHERE procedure_code = $1 AND procedure_version = $2 AND (coalesce(received_at, submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= $3
        """

    /// `$1` procedure code, `$2` version, `$3` the day the next version takes effect.
    static let endVersionStatement = "UPDATE procedure SET effective_until = $3 WHERE code = $1 AND version = $2"

    private static func insert(_ procedure: CatalogProcedure, version: Int, hash: String, on connection: isolated Connection) throws {
        try connection.query(
            insertProcedureStatement,
            [
                procedure.code, version, procedure.name, procedure.department, procedure.timeLimit.value,
                procedure.timeLimit.unit.rawValue, procedure.effectiveFrom, procedure.field, procedure.countingConvention.rawValue,
                procedure.cutoffApplies, PostgresJSON(procedure.fee), procedure.onlineLevel.rawValue, procedure.sourceNote, hash,
                procedure.paymentPausesClock,
            ])
        for document in procedure.documents {
            try connection.query(insertDocumentStatement, [procedure.code, version, document.code, document.name, document.copies, document.required])
        }
        for (index, step) in procedure.route.enumerated() {
            try connection.query(
                insertStepStatement,
                [
                    procedure.code, version, index + 1, step.department, step.kind.rawValue,
                    step.allowance, step.excludedFromLimit, step.description,
                ])
        }
    }

    /// `$1` code, `$2` version, `$3` name, `$4` department, `$5` limit, `$6` unit, `$7` from, `$8` field, `$9` convention, `$10` cut-off, `$11` fee, `$12` online level, `$13` source note, `$14` hash, `$15` whether a payment pauses the clock.
    static let insertProcedureStatement = """
        INSERT INTO procedure (code, version, name, department_code, time_limit, time_limit_unit, effective_from, field,
                               counting_convention, cutoff_applies, fee, online_level, source_note, definition_hash, payment_pauses_clock)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        """

    /// `$1` procedure code, `$2` version, `$3` document code, `$4` name, `$5` copies, `$6` required.
    static let insertDocumentStatement = """
        INSERT INTO procedure_document (procedure_code, procedure_version, code, name, copies, required)
        VALUES ($1, $2, $3, $4, $5, $6)
        """

    /// `$1` procedure code, `$2` version, `$3` position, `$4` department, `$5` kind, `$6` allowance, `$7` excluded from the limit, `$8` description.
    static let insertStepStatement = """
        INSERT INTO procedure_step (procedure_code, procedure_version, position, department_code, kind,
                                    allowance, excluded_from_limit, description)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """
}
