import CivilTime
import Foundation
import Postgres

/// Writes an intake to the database and reads it back as the desk's result.
enum IntakeRecord {
    /// What the insert stored that the caller did not choose.
    struct Stored: Sendable {
        let code: String
        let submittedAt: Date
        let receivedAt: Date?
        let dueAt: Date?
    }

    /// Records a group of intakes in one statement, so in one transaction and one commit: the
    /// day's next codes of each agency (numbered in input order), the applicants, the dossiers
    /// with the codes of the documents handed in, their events, the personal-data access of printing the slip and, for
    /// received dossiers, the work item of the first step.
    /// Identity values are drawn from the sequences first, so every row is tied to its input by
    /// position. Returns what was stored, in input order.
    static func insert(_ plans: [IntakePlan], actor: String, on connection: Connection) async throws -> [Stored] {
        guard !plans.isEmpty else { return [] }
        let ordinals = plans.indices.map { $0 + 1 }
        let events = plans.enumerated().flatMap { index, plan in plan.events.map { (index + 1, $0) } }
        let received = plans.map { $0.outcome == .received }
        let dossierValues: [any PostgresEncodable] = [
            plans.map(\.terms.agencyEID), plans.map(\.intake.submittedAt), plans.map(\.intake.applicant.kind.rawValue),
            plans.map(\.intake.applicant.fullName), plans.map { $0.intake.applicant.citizenID?.digits },
            plans.map { $0.intake.applicant.taxCode?.digits }, plans.map { $0.intake.applicant.phone?.digits },
            plans.map { $0.intake.applicant.email?.address }, plans.map(\.intake.applicant.address),
            plans.map(\.terms.code), plans.map { Int32($0.terms.version) }, plans.map(\.intake.channel.rawValue),
            plans.map(\.state.rawValue), received, plans.map(\.intake.idempotencyKey), plans.map { $0.fee.description },
            plans.map(\.intake.refuseReason), plans.map(\.accepted), plans.map { $0.deadline?.dueMoment },
            plans.map { $0.deadline?.dueDate }, plans.map(\.terms.firstStep.department), plans.map(\.terms.firstStep.kind.rawValue),
            plans.map { Int32($0.terms.firstStep.position) },
            plans.map { $0.documents.filter(\.provided).map(\.code).joined(separator: "\u{1F}") },
        ]
        let rowValues: [any PostgresEncodable] = [
            events.map { Int32($0.0) }, events.map(\.1.kind.rawValue), events.map { $0.1.from?.rawValue }, events.map(\.1.to.rawValue),
            events.map(\.1.department), actor, ordinals.map(Int32.init),
            plans.map { $0.intake.idempotencyKey == nil ? nil : $0.intake.canonicalForm }, plans.map(\.trackingSecret),
            events.map { EventLog.json($0.1.details) }, plans.map { $0.deadline?.effectiveReceipt },
        ]
        let rows = try await connection.query(insertStatement, dossierValues + rowValues)
        return try rows.map { row in
            Stored(
                code: try row.decode("code"), submittedAt: try row.decode("submitted_at"),
                receivedAt: try row.decode("received_at"), dueAt: try row.decode("due_at"))
        }
    }

    /// `$1`…`$24`, `$31`…`$33` the dossiers' columns as arrays (see ``insert(_:actor:on:)``; `$32` the canonical
    /// form of keyed submissions, `$33` the tracking secrets, both stored as SHA-256), `$25`…`$29` and `$34` the
    /// events' columns, `$30` actor, `$35` when each dossier's clock starts.
    static let insertStatement = """
        WITH input AS (
            SELECT i.*, (coalesce(i.received_at, i.submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
                   nextval(pg_get_serial_sequence('applicant', 'id')) AS applicant_id,
                   nextval(pg_get_serial_sequence('dossier', 'id')) AS dossier_id
            FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::boolean[],
                        $15::text[], $16::numeric[], $17::text[], $18::timestamptz[], $19::timestamptz[], $20::date[],
                        $21::text[], $22::text[], $23::int[], $31::int[], $24::text[], $32::text[], $33::text[], $35::timestamptz[])
                 AS i(agency_eid, submitted_at, kind, full_name, citizen_id, tax_code, phone, email, address,
                      procedure_code, procedure_version, channel, state, received, idempotency_key, fee, reason,
                      received_at, due_at, due_date, first_department, first_kind, first_position, ord, provided,
                      canonical, secret, clock_started_at)
        ), demand AS (
            SELECT agency_eid, day, count(*)::int AS n FROM input GROUP BY agency_eid, day
        ), counter AS (
            INSERT INTO dossier_code_counter AS c (agency_eid, day, last_number)
            SELECT agency_eid, day, n FROM demand ORDER BY agency_eid, day
            ON CONFLICT (agency_eid, day) DO UPDATE SET last_number = c.last_number + EXCLUDED.last_number
            RETURNING agency_eid, day, last_number
        ), numbered AS (
            SELECT input.*, counter.last_number - demand.n
                   + row_number() OVER (PARTITION BY input.agency_eid, input.day ORDER BY input.ord) AS sequence
            FROM input
            JOIN demand USING (agency_eid, day)
            JOIN counter USING (agency_eid, day)
        ), person AS (
            INSERT INTO applicant (id, kind, full_name, citizen_id, tax_code, phone, email, address)
            OVERRIDING SYSTEM VALUE
            SELECT applicant_id, kind, full_name, citizen_id, tax_code, phone, email, address FROM numbered ORDER BY ord
        ), d AS (
            INSERT INTO dossier (id, code, procedure_code, procedure_version, channel, state, current_step, submitted_at,
                                 received_at, clock_started_at, due_at, due_date, idempotency_key, applicant_id, fee, outcome_reason,
                                 documents_provided, request_hash, tracking_secret_hash)
            OVERRIDING SYSTEM VALUE
            SELECT dossier_id, dossier_code(agency_eid, day, sequence::int), procedure_code, procedure_version, channel, state,
                   CASE WHEN received THEN first_position END, submitted_at, received_at, clock_started_at, due_at, due_date,
                   idempotency_key, applicant_id, fee, reason, string_to_array(provided, chr(31)),
                   encode(sha256(convert_to(canonical, 'UTF8')), 'hex'), encode(sha256(convert_to(secret, 'UTF8')), 'hex')
            FROM numbered ORDER BY ord
            RETURNING id, code, submitted_at, received_at, due_at
        ), events AS (
            \(EventLog.insert(rows: """
                SELECT input.dossier_id, e.kind, e.from_state, e.to_state, e.department, $30, e.details::jsonb
                FROM unnest($25::int[], $26::text[], $27::text[], $28::text[], $29::text[], $34::text[]) WITH ORDINALITY
                     AS e(ord, kind, from_state, to_state, department, details, n)
                JOIN input USING (ord)
                ORDER BY e.n
                """))
        ), access AS (
            INSERT INTO personal_data_access (actor, purpose, command, dossier_id)
            SELECT $30, 'print the intake slip', 'intake submit', dossier_id FROM input ORDER BY ord
        ), work AS (
            INSERT INTO work_item (dossier_id, step_position, department_code, kind)
            SELECT dossier_id, first_position, first_department, first_kind FROM input WHERE received ORDER BY ord
        )
        SELECT d.code, d.submitted_at, d.received_at, d.due_at
        FROM d JOIN input ON input.dossier_id = d.id ORDER BY input.ord
        """

    /// The results of the dossiers whose submissions carried these idempotency keys, by key.
    static func results(idempotencyKeys keys: [String], on connection: Connection) async throws -> [String: IntakeResult] {
        guard !keys.isEmpty else { return [:] }
        return try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            var found: [String: IntakeResult] = [:]
            for row in try connection.query(idempotencyKeysStatement, [keys]) {
                found[try row.decode("idempotency_key")] = try result(dossierID: try row.decode("id"), on: connection)
            }
            return found
        }
    }

    /// `$1` idempotency keys.
    static let idempotencyKeysStatement = "SELECT id, idempotency_key FROM dossier WHERE idempotency_key = ANY($1)"

    /// The keys among `keys` already used for a submission other than the one given with it
    /// (`canonicalForms`, position by position): their SHA-256 differs from the stored one.
    /// Dossiers recorded before keys were bound to content (no stored hash) match any content.
    static func conflictingKeys(_ keys: [String], canonicalForms: [String], on connection: Connection) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return Set(try await connection.query(conflictingKeysStatement, [keys, canonicalForms]).map { try $0.decode("idempotency_key") })
    }

    /// `$1` idempotency keys, `$2` the canonical forms sent with them.
    static let conflictingKeysStatement = """
        SELECT d.idempotency_key FROM unnest($1::text[], $2::text[]) AS k(key, canonical)
        JOIN dossier d ON d.idempotency_key = k.key
        WHERE d.request_hash IS DISTINCT FROM encode(sha256(convert_to(k.canonical, 'UTF8')), 'hex') AND d.request_hash IS NOT NULL
        """

    /// Replaces the tracking secrets of the dossiers with these keys (a retried submission's
    /// receipt carries a fresh secret; the one printed before no longer works).
    static func replaceTrackingSecrets(keys: [String], secrets: [String], on connection: Connection) async throws {
        guard !keys.isEmpty else { return }
        try await connection.query(replaceTrackingSecretsStatement, [keys, secrets])
    }

    /// `$1` idempotency keys, `$2` the new secrets.
    static let replaceTrackingSecretsStatement = """
        UPDATE dossier AS d SET tracking_secret_hash = encode(sha256(convert_to(k.secret, 'UTF8')), 'hex')
        FROM unnest($1::text[], $2::text[]) AS k(key, secret) WHERE d.idempotency_key = k.key
        """

    /// The desk's result for a recorded dossier, exactly as first issued.
    static func result(dossierID: Int64, on connection: isolated Connection) throws -> IntakeResult {
        let row = try connection.query(resultStatement, [dossierID]).single()
        let documents = try connection.query(resultDocumentsStatement, [dossierID]).map { document in
            IntakeResult.Document(
                code: try document.decode("code"), name: try document.decode("name"), copies: try document.decode("copies"),
                required: try document.decode("required"), provided: try document.decode("provided"))
        }
        let state: DossierState = try row.decode("state")
        let outcome: IntakeResult.Outcome = state == .refused ? .refused : (state == .awaitingSupplement ? .supplementRequested : .received)
        return IntakeResult(
            outcome: outcome, dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"),
            procedureVersion: try row.decode("procedure_version"), procedureName: try row.decode("procedure_name"),
            channel: try row.decode("channel"), applicantName: try row.decode("full_name"),
            submittedAt: try row.decode("submitted_at"), receivedAt: try row.decode("received_at"),
            clockStartsAt: try row.decode("clock_started_at"), dueDate: try row.decode("due_date"), dueAt: try row.decode("due_at"),
            firstDepartment: try row.decode("first_department"), fee: try row.decode("fee"),
            documents: documents, reason: try row.decode("outcome_reason"))
    }

    /// `$1` dossier.
    static let resultStatement = """
        SELECT d.code, d.procedure_code, d.procedure_version, p.name AS procedure_name, d.channel, d.state,
               coalesce(a.full_name, '') AS full_name, d.submitted_at, d.received_at, d.clock_started_at, d.due_date, d.due_at, d.fee, d.outcome_reason,
               (SELECT w.department_code FROM work_item w WHERE w.dossier_id = d.id AND w.step_position = 1) AS first_department
        FROM dossier d
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        LEFT JOIN applicant a ON a.id = d.applicant_id
        WHERE d.id = $1
        """

    /// `$1` dossier.
    static let resultDocumentsStatement = """
        SELECT pd.code, pd.name, pd.copies, pd.required, pd.code = ANY(d.documents_provided) AS provided
        FROM dossier d
        JOIN procedure_document pd ON pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version
        WHERE d.id = $1 ORDER BY pd.code
        """
}
