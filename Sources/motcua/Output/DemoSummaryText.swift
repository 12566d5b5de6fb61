import Foundation
import MotCua
import MotCuaDemo

/// The end of `motcua demo` in text: the leadership summary (per department, the on-time rate,
/// the most overdue dossiers and who holds them), what the simulated people did, the checks,
/// and what to try next on the database the run left.
enum DemoSummaryText {
    static func render(_ outcome: DemoRunner.Outcome, wallTime: Duration) -> String {
        let summary = outcome.summary
        let rate = { (line: LeadershipSummary.DepartmentLine) in line.onTimeRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        let cells = { (line: LeadershipSummary.DepartmentLine) in
            [
                line.department, String(line.submitted), String(line.notReceived), String(line.resolvedOnTime), String(line.resolvedLate),
                String(line.ended), String(line.pending), String(line.overdue), rate(line),
            ]
        }
        let departments = Table(
            headers: ["department", "submitted", "not received", "on time", "late", "ended", "pending", "overdue", "on-time rate"],
            rows: summary.departments.map(cells) + [cells(summary.total)])
        let overdue = Table(
            headers: ["dossier", "procedure", "due", "working days late", "held by"],
            rows: summary.mostOverdue.map {
                [$0.dossierCode, $0.procedureCode, SlipFormat.format($0.dueDate), String($0.workingDaysLate), $0.holder]
            })
        let actions = outcome.actions.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(
            separator: ", ")
        let seconds = Double(wallTime.components.seconds) + Double(wallTime.components.attoseconds) / 1e18
        return [
            "",
            "Simulated \(SlipFormat.format(outcome.from)) – \(SlipFormat.format(outcome.until)): \(outcome.submitted) dossiers submitted, in \(String(format: "%.0f", seconds)) s",
            "Simulated officers, desk and applicants: \(actions.isEmpty ? "nothing" : actions)",
            "",
            "LEADERSHIP SUMMARY as of \(SlipFormat.format(summary.asOf)) (every dossier in the database, by the procedure's department)",
            departments.text(),
            "",
            "Most overdue:",
            summary.mostOverdue.isEmpty ? "  none" : overdue.text(),
            "",
            outcome.inconsistencies.isEmpty
                ? "Consistency: every dossier is in one state, every state change has its event, the counts add up."
                : "INCONSISTENT: " + outcome.inconsistencies.joined(separator: "; "),
            "",
            outcome.clockLeftSimulatedAt.map {
                "The run continued the history an earlier run left, past the business time now, so the business clock stays simulated at "
                    + "\(SlipFormat.format($0)), flowing at real speed (`motcua clock reset` returns to the server's time). The database stays as the run left it. Try:"
            } ?? "The database stays as the run left it, and the business clock is back where it was. Try:",
            "  motcua report dashboard",
            "  motcua report overdue",
            "  motcua report verify",
            "  motcua inbox --officer stc.cb01",
            "  motcua dossier show \(summary.mostOverdue.first?.dossierCode ?? "CODE") --actor ttpv.mc01 --reason \"kiểm tra tiến độ\"",
            "  motcua calendar show \(outcome.until.year)",
        ].joined(separator: "\n")
    }
}
