import Foundation
import Postgres

/// Writes an intake to the database and reads it back as the desk's result.
enum IntakeRecord {
    static func insert(
        code: String, terms: ProcedureTerms, intake: ValidatedIntake, outcome: IntakeResult.Outcome, receivedAt: Date?,
        fee: Decimal, documents: [IntakeResult.Document], actor: String, on connection: isolated Connection
    ) throws -> Int64 {
        let applicant = intake.applicant
        let applicantID: Int64 = try connection.query(
            """
            INSERT INTO applicant (kind, full_name, citizen_id, tax_code, phone, email, address)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """,
            [applicant.kind.rawValue, applicant.fullName, applicant.citizenID?.digits, applicant.taxCode?.digits,
             applicant.phone?.digits, applicant.email?.address, applicant.address]
        ).single().decode("id")
        let state: DossierState = switch outcome {
        case .received: .received
        case .supplementRequested: .awaitingSupplement
        case .refused: .refused
        }
        let dossierID: Int64 = try connection.query(
            """
            INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, submitted_at, received_at,
                                 idempotency_key, applicant_id, fee, outcome_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
            """,
            [code, terms.code, terms.version, intake.channel.rawValue, state.rawValue, intake.submittedAt, receivedAt,
             intake.idempotencyKey, applicantID, fee, intake.refuseReason]
        ).single().decode("id")
        try connection.query(
            """
            INSERT INTO dossier_document (dossier_id, document_code, name, provided)
            SELECT $1, c, n, p FROM unnest($2::text[], $3::text[], $4::boolean[]) AS d(c, n, p)
            """,
            [dossierID, documents.map(\.code), documents.map(\.name), documents.map(\.provided)])
        let kind = switch outcome {
        case .received: "received"
        case .supplementRequested: "supplement_requested"
        case .refused: "refused"
        }
        try EventLog.append(dossierID: dossierID, kind: kind, from: nil, to: state, department: nil, actor: actor, on: connection)
        try PersonalDataAccess.record(dossierID: dossierID, actor: actor, purpose: "print the intake slip", command: "intake submit", on: connection)
        return dossierID
    }

    /// The result of the dossier whose submission carried `idempotencyKey`, if any.
    static func result(idempotencyKey: String, on connection: isolated Connection) throws -> IntakeResult? {
        let rows = try connection.query("SELECT id FROM dossier WHERE idempotency_key = $1", [idempotencyKey])
        guard let row = rows.first else { return nil }
        return try result(dossierID: try row.decode("id"), on: connection)
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
