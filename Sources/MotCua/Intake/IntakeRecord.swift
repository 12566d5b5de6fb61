import CivilTime
import Foundation
import Postgres

/// Writes an intake to the database and reads it back as the desk's result.
enum IntakeRecord {
    /// What the insert stored that the caller did not choose.
    struct Stored {
        let id: Int64
        let code: String
        let submittedAt: Date
        let receivedAt: Date?
        let dueAt: Date?
    }

    /// Records an intake in one statement (so in one transaction of its own): the day's next
    /// code, the applicant, the dossier, its documents, its events, the access of printing the
    /// slip and, when received, the work item of the first step.
    static func insert(
        terms: ProcedureTerms, intake: ValidatedIntake, outcome: IntakeResult.Outcome, deadline: Deadline?, fee: Decimal,
        documents: [IntakeResult.Document], actor: String, on connection: Connection
    ) async throws -> Stored {
        let applicant = intake.applicant
        let first = terms.firstStep
        let state: DossierState
        let events: [(kind: String, from: DossierState?, to: DossierState, department: String?)]
        switch outcome {
        case .received:
            state = .routed
            events = [("received", nil, .received, nil), ("routed", .received, .routed, first.department)]
        case .supplementRequested:
            state = .awaitingSupplement
            events = [("supplement_requested", nil, .awaitingSupplement, nil)]
        case .refused:
            state = .refused
            events = [("refused", nil, .refused, nil)]
        }
        let received = outcome == .received
        let step: Int? = received ? first.position : nil
        let dossierValues: [any PostgresEncodable] = [
            terms.agencyEID, intake.submittedAt, applicant.kind.rawValue, applicant.fullName, applicant.citizenID?.digits,
            applicant.taxCode?.digits, applicant.phone?.digits, applicant.email?.address, applicant.address,
            terms.code, terms.version, intake.channel.rawValue, state.rawValue, step, received, intake.idempotencyKey, fee, intake.refuseReason,
        ]
        let fromStates: [String?] = events.map { $0.from?.rawValue }
        let departments: [String?] = events.map(\.department)
        let rowValues: [any PostgresEncodable] = [
            documents.map(\.code), documents.map(\.name), documents.map(\.provided),
            actor, events.map(\.kind), fromStates, events.map(\.to.rawValue), departments,
            first.department, first.kind.rawValue, deadline?.effectiveReceipt, deadline?.dueMoment, deadline?.dueDate,
        ]
        let row = try await connection.query(
            """
            WITH counter AS (
                INSERT INTO dossier_code_counter AS c (agency_eid, day, last_number)
                VALUES ($1, ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1)
                ON CONFLICT (agency_eid, day) DO UPDATE SET last_number = c.last_number + 1
                RETURNING day, last_number
            ), person AS (
                INSERT INTO applicant (kind, full_name, citizen_id, tax_code, phone, email, address)
                VALUES ($3, $4, $5, $6, $7, $8, $9) RETURNING id
            ), d AS (
                INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, current_step, submitted_at,
                                     received_at, due_at, due_date, idempotency_key, applicant_id, fee, outcome_reason)
                SELECT dossier_code($1, counter.day, counter.last_number), $10, $11, $12, $13, $14, $2,
                       $29, $30, $31, $16, person.id, $17, $18
                FROM counter, person
                RETURNING id, code, submitted_at, received_at, due_at
            ), documents AS (
                INSERT INTO dossier_document (dossier_id, document_code, name, provided)
                SELECT d.id, x.code, x.name, x.provided FROM d, unnest($19::text[], $20::text[], $21::boolean[]) AS x(code, name, provided)
            ), events AS (
                INSERT INTO dossier_event (dossier_id, kind, from_state, to_state, department_code, actor)
                SELECT d.id, e.kind, e.from_state, e.to_state, e.department, $22
                FROM d, unnest($23::text[], $24::text[], $25::text[], $26::text[]) WITH ORDINALITY AS e(kind, from_state, to_state, department, n)
                ORDER BY e.n
            ), access AS (
                INSERT INTO personal_data_access (actor, purpose, command, dossier_id)
                SELECT $22, 'print the intake slip', 'intake submit', d.id FROM d
            ), work AS (
                INSERT INTO work_item (dossier_id, step_position, department_code, kind)
                SELECT d.id, $14, $27, $28 FROM d WHERE $15
            )
            SELECT id, code, submitted_at, received_at, due_at FROM d
            """,
            dossierValues + rowValues
        ).single()
        return Stored(
            id: try row.decode("id"), code: try row.decode("code"), submittedAt: try row.decode("submitted_at"),
            receivedAt: try row.decode("received_at"), dueAt: try row.decode("due_at"))
    }

    /// The result of the dossier whose submission carried `idempotencyKey`, if any.
    static func result(idempotencyKey: String, on connection: Connection) async throws -> IntakeResult? {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let rows = try connection.query("SELECT id FROM dossier WHERE idempotency_key = $1", [idempotencyKey])
            guard let row = rows.first else { return nil }
            return try result(dossierID: try row.decode("id"), on: connection)
        }
    }

    /// The desk's result for a recorded dossier, exactly as first issued.
    static func result(dossierID: Int64, on connection: isolated Connection) throws -> IntakeResult {
        let row = try connection.query(
            """
            SELECT d.code, d.procedure_code, d.procedure_version, p.name AS procedure_name, d.channel, d.state,
                   coalesce(a.full_name, '') AS full_name, d.submitted_at, d.received_at, d.due_date, d.due_at, d.fee, d.outcome_reason,
                   (SELECT w.department_code FROM work_item w WHERE w.dossier_id = d.id AND w.step_position = 1) AS first_department
            FROM dossier d
            JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
            LEFT JOIN applicant a ON a.id = d.applicant_id
            WHERE d.id = $1
            """,
            [dossierID]
        ).single()
        let documents = try connection.query(
            """
            SELECT dd.document_code, dd.name, dd.provided, coalesce(pd.copies, 1) AS copies, coalesce(pd.required, true) AS required
            FROM dossier_document dd
            JOIN dossier d ON d.id = dd.dossier_id
            LEFT JOIN procedure_document pd
              ON pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version AND pd.code = dd.document_code
            WHERE dd.dossier_id = $1 ORDER BY dd.document_code
            """,
            [dossierID]
        ).map { document in
            IntakeResult.Document(
                code: try document.decode("document_code"), name: try document.decode("name"), copies: try document.decode("copies"),
                required: try document.decode("required"), provided: try document.decode("provided"))
        }
        let state = DossierState(rawValue: try row.decode("state"))
        let outcome: IntakeResult.Outcome = state == .refused ? .refused : (state == .awaitingSupplement ? .supplementRequested : .received)
        return IntakeResult(
            outcome: outcome, dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"),
            procedureVersion: try row.decode("procedure_version"), procedureName: try row.decode("procedure_name"),
            channel: Channel(rawValue: try row.decode("channel")) ?? .desk, applicantName: try row.decode("full_name"),
            submittedAt: try row.decode("submitted_at"), receivedAt: try row.decode("received_at"),
            dueDate: try row.decode("due_date"), dueAt: try row.decode("due_at"),
            firstDepartment: try row.decode("first_department"), fee: try row.decode("fee"),
            documents: documents, reason: try row.decode("outcome_reason"))
    }
}
