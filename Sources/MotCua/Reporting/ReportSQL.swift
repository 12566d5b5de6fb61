/// SQL fragments the report statements share, written once.
enum ReportSQL {
    /// The business time now, evaluated once per statement: a scalar subquery is an InitPlan,
    /// where a bare `motcua_now()` in a filter is called again for every row it tests.
    static let now = "(SELECT motcua_now())"

    /// Today in Vietnam on the business clock, evaluated once per statement.
    static let today = "vietnam_day(\(now))"

    /// The first moment of today in Vietnam, on the business clock.
    static let startOfToday = "(\(today)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')"

    /// `report_open` row `r` is overdue now: booked as overdue (not waiting in a pause that
    /// began on time) and its appointment day over (a dossier due today is not overdue before
    /// tomorrow), or late by the second supplement request.
    static func isOverdueNow(_ r: String) -> String {
        "\(r).overdue_from IS NOT NULL AND (\(r).supplements >= 2 OR \(r).due_at < \(startOfToday))"
    }

    /// When `report_open` row `r`'s current pause of its clock began (supplement, payment,
    /// excluded step); NULL when it runs.
    static func pausedSince(_ r: String) -> String { "least(\(r).supplement_since, \(r).payment_since, \(r).excluded_since)" }

    /// `report_open` row `r` waits in a pause of its clock.
    static func isPaused(_ r: String) -> String { "\(pausedSince(r)) IS NOT NULL" }

    /// `report_open` row `r` waits in a pause that began by its due time: its appointment will
    /// move when the pause ends, so it is not overdue (`report_overdue_from()`'s rule).
    static func isPausedBeforeDue(_ r: String) -> String { "\(pausedSince(r)) <= \(r).due_at" }

    /// `$n` department and `$m` procedure filters (NULL: all) on alias `t`.
    static func filters(_ t: String, department: Int, procedure: Int) -> String {
        "($\(department)::text IS NULL OR \(t).department_code = $\(department)) AND ($\(procedure)::text IS NULL OR \(t).procedure_code = $\(procedure))"
    }

    /// The grouping of a report's lines: the province, each department, each procedure.
    static let groupingSets = "GROUPING SETS ((), (department_code), (department_code, procedure_code))"

    /// Which line a grouped row is: 3 the province, 1 a department, 0 a procedure.
    static let level = "GROUPING(department_code, procedure_code) AS level"

    /// Working days from today (Vietnam, business clock) to `day`, today not counted.
    static func workingDaysFromToday(to day: String) -> String {
        "((SELECT ordinal FROM working_day WHERE day = \(day)) - (SELECT ordinal FROM working_day WHERE day = \(today)))"
    }

    /// The holder of dossier `d`'s live step, or the state it waits in.
    static let holder = "coalesce(\(DossierStore.holderExpression), d.state)"
}
