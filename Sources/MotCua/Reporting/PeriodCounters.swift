import Postgres

/// The sums of one group's daily counters over a period, as the rollups or a replay of the
/// event log give them: what ``PeriodFigures`` are computed from.
struct PeriodCounters: Sendable, Equatable {
    var carriedOver = 0
    var receivedDesk = 0
    var receivedOnline = 0
    var receivedPost = 0
    var refusedAtDesk = 0
    var returnedIncomplete = 0
    var resolvedEarly = 0
    var resolvedOnTime = 0
    var resolvedLate = 0
    var resolvedLateApologised = 0
    var resolvedLatePastPromise = 0
    var refused = 0
    var withdrawn = 0
    var stopped = 0
    var supplementRequests = 0
    var apologies = 0
    var processingDays = 0
    var limitDays = 0.0
    var payments = 0
    var paymentsOnline = 0
    var results = 0
    var resultsElectronic = 0
    var evaluations = 0
    var evaluationsNegative = 0
    /// Open (received, not ended) at the end of the period.
    var openAtEnd = 0
    /// Of them, overdue.
    var overdueAtEnd = 0
    /// Resolved dossiers by processing time in working days.
    var durations: [Int: Int] = [:]

    /// The counters of report_day that are summed over the period's days: each column and the
    /// field it adds to, in this order.
    static let periodFields: [(column: String, field: WritableKeyPath<PeriodCounters, Int> & Sendable)] = [
        ("received_desk", \.receivedDesk), ("received_online", \.receivedOnline), ("received_post", \.receivedPost),
        ("refused_at_desk", \.refusedAtDesk), ("returned_incomplete", \.returnedIncomplete), ("resolved_early", \.resolvedEarly),
        ("resolved_on_time", \.resolvedOnTime), ("resolved_late", \.resolvedLate),
        ("resolved_late_apologised", \.resolvedLateApologised), ("resolved_late_past_promise", \.resolvedLatePastPromise), ("refused", \.refused),
        ("withdrawn", \.withdrawn),
        ("stopped", \.stopped), ("supplement_requests", \.supplementRequests), ("apologies", \.apologies),
        ("processing_days", \.processingDays), ("payments", \.payments), ("payments_online", \.paymentsOnline), ("results", \.results),
        ("results_electronic", \.resultsElectronic), ("evaluations", \.evaluations), ("evaluations_negative", \.evaluationsNegative),
    ]

    /// The columns of ``periodFields``.
    static let periodColumns = periodFields.map(\.column)

    /// Reads the sums a counters statement returns (columns named as report_day's, plus
    /// `carried_over`, `open_at_end`, `overdue_at_end` and `limit_days`).
    init(row: Row) throws {
        for (column, field) in Self.periodFields { self[keyPath: field] = try row.decode(column) }
        carriedOver = try row.decode("carried_over")
        limitDays = try row.decode("limit_days")
        openAtEnd = try row.decode("open_at_end")
        overdueAtEnd = try row.decode("overdue_at_end")
    }

    init() {}
}
