import Foundation
import Postgres

/// What intake needs to know of the procedure version in force on the day of submission:
/// its office, limit, fee, documents and first step.
struct ProcedureTerms: Sendable {
    let code: String
    let version: Int
    let name: String
    let agencyEID: String
    let limit: TimeLimit
    let policy: DeadlinePolicy
    let fee: FeeSchedule
    let documents: [IntakeResult.Document]
    let firstStep: Routing.Step

    /// The version effective on the Vietnamese calendar day of `at`, or nil.
    static func load(code: String, at: Date, on connection: isolated Connection) throws -> ProcedureTerms? {
        let rows = try connection.query(termsStatement, [code, at])
        guard let row = rows.first else { return nil }
        let version: Int = try row.decode("version")
        let documents = try connection.query(documentsStatement, [code, version]).map { document in
            IntakeResult.Document(
                code: try document.decode("code"), name: try document.decode("name"), copies: try document.decode("copies"),
                required: try document.decode("required"), provided: false)
        }
        guard let firstStep = try Routing.step(after: 0, procedure: code, version: version, on: connection) else {
            throw MotCuaError.corruptRow(what: "procedure \(code) version \(version)", reason: "its route has no steps")
        }
        let (limit, policy) = try deadlineRules(of: row, procedure: "procedure \(code) version \(version)")
        return ProcedureTerms(
            code: code, version: version, name: try row.decode("name"), agencyEID: try row.decode("agency_eid"),
            limit: limit, policy: policy,
            fee: try row.decode("fee", as: PostgresJSON<FeeSchedule>.self).value, documents: documents, firstStep: firstStep)
    }

    /// `$1` procedure code, `$2` the instant of submission.
    static let termsStatement = """
        SELECT p.version, p.name, d.agency_eid, p.time_limit, p.time_limit_unit, p.counting_convention,
               p.cutoff_applies, p.fee
        FROM procedure p JOIN department d ON d.code = p.department_code
        WHERE p.code = $1 AND p.effective_from <= ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          AND (p.effective_until IS NULL OR p.effective_until > ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        ORDER BY p.version DESC LIMIT 1
        """

    /// The limit and counting rules of a procedure version from a row with `time_limit`,
    /// `time_limit_unit`, `counting_convention` and `cutoff_applies`; `what` names it in errors.
    static func deadlineRules(of row: Row, procedure what: String) throws -> (TimeLimit, DeadlinePolicy) {
        guard let limit = TimeLimit(value: try row.decode("time_limit"), unit: try row.decode("time_limit_unit")) else {
            throw MotCuaError.corruptRow(what: what, reason: "its time limit is negative")
        }
        let convention: CountingConvention = try row.decode("counting_convention")
        let cutoff: Bool = try row.decode("cutoff_applies")
        return (limit, DeadlinePolicy(convention: convention, paperCutOff: cutoff ? DeadlinePolicy.standardCutOff : nil))
    }

    /// `$1` procedure code, `$2` version.
    static let documentsStatement =
        "SELECT code, name, copies, required FROM procedure_document WHERE procedure_code = $1 AND procedure_version = $2 ORDER BY code"
}

extension Channel {
    /// Desk and post dossiers are on paper (the 15:00 cut-off applies); online ones follow office hours.
    var submissionMode: SubmissionMode { self == .online ? .online : .paper }
}
