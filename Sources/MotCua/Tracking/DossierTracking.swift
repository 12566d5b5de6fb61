import Foundation
import Postgres

/// Looks a dossier up for its applicant by code and the last four digits of the phone given
/// at intake. A wrong code and a wrong phone give the same answer, so codes cannot be probed.
public enum DossierTracking {
    /// The tracking view, or nil when no dossier matches both the code and the phone digits.
    public static func lookup(code: String, phoneLastFour: String, on connection: Connection) async throws -> TrackingView? {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let rows = try connection.query(lookupStatement, [code, phoneLastFour])
            guard let row = rows.first else { return nil }
            let state: DossierState = try row.decode("state")
            let steps = try connection.query(
                stepsStatement, [try row.decode("id", as: Int64.self), DossierEventKind.allCases.filter(\.isInternal)]
            ).map {
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

    /// `$1` dossier code, `$2` the last four digits of the applicant's phone.
    static let lookupStatement = """
        SELECT d.id, d.code, p.name AS procedure_name, d.state, d.due_date,
               (SELECT dep.name FROM work_item w JOIN department dep ON dep.code = w.department_code
                WHERE w.dossier_id = d.id AND w.state <> 'completed' ORDER BY w.step_position LIMIT 1) AS at_department,
               (SELECT string_agg(pd.name, '; ' ORDER BY pd.code) FROM procedure_document pd
                WHERE pd.procedure_code = d.procedure_code AND pd.procedure_version = d.procedure_version
                  AND pd.required AND NOT pd.code = ANY(d.documents_provided)) AS missing
        FROM dossier d
        JOIN applicant a ON a.id = d.applicant_id
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.code = $1 AND a.phone IS NOT NULL AND right(a.phone, 4) = $2
        """

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
