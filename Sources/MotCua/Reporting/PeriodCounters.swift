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

    /// The columns of report_day that are summed over the period's days, in this order.
    static let periodColumns = [
        "received_desk", "received_online", "received_post", "refused_at_desk", "returned_incomplete", "resolved_early", "resolved_on_time",
        "resolved_late", "refused", "withdrawn", "stopped", "supplement_requests", "apologies", "processing_days", "payments", "payments_online",
        "results", "results_electronic", "evaluations", "evaluations_negative",
    ]

    /// Reads the sums a counters statement returns (columns named as report_day's, plus
    /// `carried_over`, `open_at_end`, `overdue_at_end` and `limit_days`).
    init(row: Row) throws {
        carriedOver = try row.decode("carried_over")
        receivedDesk = try row.decode("received_desk")
        receivedOnline = try row.decode("received_online")
        receivedPost = try row.decode("received_post")
        refusedAtDesk = try row.decode("refused_at_desk")
        returnedIncomplete = try row.decode("returned_incomplete")
        resolvedEarly = try row.decode("resolved_early")
        resolvedOnTime = try row.decode("resolved_on_time")
        resolvedLate = try row.decode("resolved_late")
        refused = try row.decode("refused")
        withdrawn = try row.decode("withdrawn")
        stopped = try row.decode("stopped")
        supplementRequests = try row.decode("supplement_requests")
        apologies = try row.decode("apologies")
        processingDays = try row.decode("processing_days")
        limitDays = try row.decode("limit_days")
        payments = try row.decode("payments")
        paymentsOnline = try row.decode("payments_online")
        results = try row.decode("results")
        resultsElectronic = try row.decode("results_electronic")
        evaluations = try row.decode("evaluations")
        evaluationsNegative = try row.decode("evaluations_negative")
        openAtEnd = try row.decode("open_at_end")
        overdueAtEnd = try row.decode("overdue_at_end")
    }

    init() {}
}
