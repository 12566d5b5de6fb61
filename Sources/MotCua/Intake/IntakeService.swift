import Foundation
import Postgres

/// Records submissions: in one transaction the dossier with its code, its events, the work
/// item for the first department of the route, and that department's doorbell.
public struct IntakeService: Sendable {
    /// Who is recorded as the actor of intake events (a desk ID, `online-portal`, …).
    public let actor: String

    /// Creates the service for an actor.
    public init(actor: String = "intake") { self.actor = actor }

    /// Receives a dossier and routes it; a submission whose idempotency key was seen before
    /// returns the first receipt and changes nothing.
    public func submit(_ submission: Submission, on connection: Connection) async throws -> Receipt {
        let actor = self.actor
        do {
            return try await connection.transaction { connection in
                try Self.receive(submission, actor: actor, on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == "dossier_idempotency_key_key" {
            // A concurrent retry of the same submission committed first: answer with its receipt.
            return try await connection.transaction { connection in
                guard let key = submission.idempotencyKey, let receipt = try Self.existingReceipt(key: key, on: connection) else { throw error }
                return receipt
            }
        } catch let error as PostgresError where error.sqlState == SQLState.checkViolation && error.constraint == "dossier_code_counter_last_number_check" {
            throw MotCuaError.dailySequenceExhausted(agency: "of procedure \(submission.procedureCode)", day: "the day of receipt")
        }
    }

    private static func receive(_ submission: Submission, actor: String, on connection: isolated Connection) throws -> Receipt {
        if let key = submission.idempotencyKey, let receipt = try existingReceipt(key: key, on: connection) {
            return receipt
        }
        let procedure = try connection.query(
            """
            SELECT p.code, p.version, p.name, d.agency_eid
            FROM procedure p JOIN department d ON d.code = p.department_code
            WHERE p.code = $1 AND p.effective_from <= ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
              AND (p.effective_until IS NULL OR p.effective_until > ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
            ORDER BY p.version DESC LIMIT 1
            """,
            [submission.procedureCode, submission.receivedAt])
        guard let procedureRow = procedure.first else { throw MotCuaError.unknownProcedure(code: submission.procedureCode) }
        let version: Int = try procedureRow.decode("version")
        guard let firstStep = try Routing.step(after: 0, procedure: submission.procedureCode, version: version, on: connection) else {
            throw MotCuaError.invalidInput(field: "procedure \(submission.procedureCode)", reason: "its route has no steps; fix the catalog")
        }
        let code = try nextDossierCode(agencyEID: try procedureRow.decode("agency_eid"), receivedAt: submission.receivedAt, on: connection)
        let inserted = try connection.query(
            """
            INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, submitted_at, received_at, idempotency_key)
            VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id, received_at
            """,
            [code, submission.procedureCode, version, submission.channel.rawValue, DossierState.received.rawValue,
             submission.receivedAt, submission.idempotencyKey]
        ).single()
        let dossierID: Int64 = try inserted.decode("id")
        try EventLog.append(dossierID: dossierID, kind: "received", from: nil, to: .received, department: nil, actor: actor, on: connection)
        try Routing.route(dossierID: dossierID, from: .received, to: firstStep, actor: actor, on: connection)
        return Receipt(
            dossierCode: code, procedureCode: submission.procedureCode, procedureVersion: version,
            procedureName: try procedureRow.decode("name"), channel: submission.channel,
            receivedAt: try inserted.decode("received_at"), firstDepartment: firstStep.department)
    }

    /// The next code of the agency's day (Vietnam time). The counter row stays locked until
    /// the intake transaction ends, and a rollback returns the number: no gaps, no duplicates.
    private static func nextDossierCode(agencyEID: String, receivedAt: Date, on connection: isolated Connection) throws -> String {
        let row = try connection.query(
            """
            INSERT INTO dossier_code_counter AS c (agency_eid, day, last_number)
            VALUES ($1, ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1)
            ON CONFLICT (agency_eid, day) DO UPDATE SET last_number = c.last_number + 1
            RETURNING day, last_number
            """,
            [agencyEID, receivedAt]
        ).single()
        let day: CalendarDate = try row.decode("day")
        return DossierCode.format(agencyEID: agencyEID, year: day.year, month: day.month, day: day.day, sequence: try row.decode("last_number"))
    }

    private static func existingReceipt(key: String, on connection: isolated Connection) throws -> Receipt? {
        let rows = try connection.query(
            """
            SELECT d.code, d.procedure_code, d.procedure_version, p.name, d.channel, d.received_at, w.department_code
            FROM dossier d
            JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
            JOIN work_item w ON w.dossier_id = d.id AND w.step_position = 1
            WHERE d.idempotency_key = $1
            """,
            [key])
        guard let row = rows.first else { return nil }
        return Receipt(
            dossierCode: try row.decode("code"), procedureCode: try row.decode("procedure_code"),
            procedureVersion: try row.decode("procedure_version"), procedureName: try row.decode("name"),
            channel: Channel(rawValue: try row.decode("channel")) ?? .desk, receivedAt: try row.decode("received_at"),
            firstDepartment: try row.decode("department_code"))
    }
}
