import Foundation
import Postgres

/// Looks a dossier up for its applicant by code and either the tracking secret printed on the
/// receipt or the last four digits of the phone given at intake.
///
/// A wrong code, a wrong secret, wrong phone digits and a locked dossier all give the same
/// answer (no match), so nothing can be probed. Wrong guesses are counted per dossier (real
/// time: they guard against real guessing); after ``maximumFailures`` within
/// ``failureWindowSeconds`` the dossier answers only to its secret until the window has passed,
/// since four phone digits are only ten thousand tries.
public enum DossierTracking {
    /// What the applicant proves the dossier is theirs with.
    public enum Credential: Sendable, Equatable {
        /// The secret printed on the receipt (``TrackingSecret``).
        case secret(String)
        /// The last four digits of the phone given at intake.
        case phoneLastFour(String)
    }

    /// Wrong guesses within the window after which phone digits no longer open the dossier.
    public static let maximumFailures = 5
    /// The window wrong guesses are counted over, in seconds (one hour).
    public static let failureWindowSeconds = 3600

    /// The tracking view, or nil when the code and the credential do not match (or phone digits
    /// are tried on a dossier locked by wrong guesses). A wrong guess on an existing dossier is
    /// recorded in the same transaction.
    public static func lookup(code: String, credential: Credential, on connection: Connection) async throws -> TrackingView? {
        var secret: String?
        var phone: String?
        switch credential {
        case .secret(let typed): secret = TrackingSecret.normalise(typed) ?? ""
        case .phoneLastFour(let digits): phone = digits
        }
        return try await connection.transaction(.repeatableRead) { [secret, phone] connection in
            guard let row = try connection.query(lookupStatement, [code, secret, phone, maximumFailures, failureWindowSeconds]).first else { return nil }
            let id: Int64 = try row.decode("id")
            guard try row.decode("opens", as: Bool.self) else {
                try connection.query(failureStatement, [id])
                return nil
            }
            let state: DossierState = try row.decode("state")
            let steps = try connection.query(stepsStatement, [id, DossierEventKind.allCases.filter(\.isInternal)]).map {
                TrackingView.Step(
                    at: try $0.decode("at"), kind: try $0.decode("kind"), toState: try $0.decode("to_state"), department: try $0.decode("department"))
            }
            return TrackingView(
                dossierCode: try row.decode("code"), procedureName: try row.decode("procedure_name"), state: state,
                nationalCode: state.nationalCode, nationalMeaning: state.nationalMeaning, appointmentDate: try row.decode("due_date"),
                awaiting: awaiting(state, department: try row.decode("at_department"), missing: try row.decode("missing")),
                steps: steps)
        }
    }

    /// `$1` dossier code, `$2` the secret as written (or NULL), `$3` the last four phone digits
    /// (or NULL), `$4` the most wrong guesses in the window, `$5` the window in seconds. `opens`
    /// says whether the credential opens the dossier.
    static let lookupStatement = """
        SELECT d.id, d.code, p.name AS procedure_name, d.state, \(DossierStore.promisedOrDueDate("d")) AS due_date,
               (SELECT dep.name FROM work_item w JOIN department dep ON dep.code = w.department_code
                WHERE w.dossier_id = d.id AND w.state <> 'completed' ORDER BY w.step_position LIMIT 1) AS at_department,
               (SELECT string_agg(pd.name, '; ' ORDER BY pd.code) FROM procedure_document pd
                WHERE pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version
                  AND pd.required AND NOT pd.code = ANY(d.documents_provided)) AS missing,
               coalesce(d.tracking_secret_hash = encode(sha256(convert_to($2::text, 'UTF8')), 'hex'), false)
               OR (coalesce(a.phone IS NOT NULL AND right(a.phone, 4) = $3::text, false)
                   AND (SELECT count(*) FROM tracking_failure f
                        WHERE f.dossier_id = d.id AND f.at > now() - make_interval(secs => $5)) < $4) AS opens
        FROM dossier d
        JOIN applicant a ON a.id = d.applicant_id
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.code = $1
        """

    /// `$1` dossier.
    static let failureStatement = "INSERT INTO tracking_failure (dossier_id) VALUES ($1)"

    /// `$1` dossier, `$2` the event kinds not shown to the applicant.
    static let stepsStatement = """
        SELECT e.at, e.kind, e.to_state, dep.name AS department
        FROM dossier_event e LEFT JOIN department dep ON dep.code = e.department_code
        WHERE e.dossier_id = $1 AND e.kind <> ALL ($2) ORDER BY e.id
        """

    static func awaiting(_ state: DossierState, department: String?, missing: String?) -> String {
        switch state {
        case .awaitingSupplement: return "Chờ công dân bổ sung: \(missing ?? "giấy tờ theo phiếu yêu cầu")"
        case .awaitingPayment: return "Chờ công dân thực hiện nghĩa vụ tài chính"
        case .refused, .stopped, .returned: return "Không còn việc chờ xử lý"
        case .resolved: return "Kết quả đã sẵn sàng; mời nhận tại quầy"
        default: return department.map { "Đang xử lý tại \($0)" } ?? "Đang xử lý"
        }
    }
}
