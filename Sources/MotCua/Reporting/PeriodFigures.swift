/// The classic period report of one group (the province, a department, a procedure), with the
/// national index's rates: received = carried over + new; resolved = early + on time + late;
/// pending at the end = not yet due + overdue. docs/REPORTING.md defines every figure.
public struct PeriodFigures: Sendable, Codable, Equatable {
    /// Received before the period and not ended before it.
    public let carriedOver: Int
    /// Received in the period, at the desk, online and by post, and in all.
    public let newDesk: Int
    public let newOnline: Int
    public let newPost: Int
    public let newReceived: Int
    /// Carried over + new.
    public let received: Int
    /// Resolved in the period before the appointment day, on it, and late (after the
    /// appointment moment, or with more than one supplement request: the national rule).
    public let resolvedEarly: Int
    public let resolvedOnTime: Int
    public let resolvedLate: Int
    public let resolved: Int
    /// Of the late, those with an apology slip (Mẫu 04), and of them those resolved after the
    /// slip's new date too: the slip is issued because a dossier is late and leaves it late.
    public let resolvedLateApologised: Int
    public let resolvedLatePastPromise: Int
    /// Ended in the period without a result: refused after review, withdrawn, stopped.
    public let refused: Int
    public let withdrawn: Int
    public let stopped: Int
    /// Open at the end of the period, and of them not yet due and overdue.
    public let pending: Int
    public let pendingNotDue: Int
    public let pendingOverdue: Int
    /// Officers' supplement requests (slip 02 during processing) and apology slips (04) in the period.
    public let supplementRequests: Int
    public let apologies: Int
    /// Never received: refused at the desk, sent back incomplete (the desk's slip 02).
    public let refusedAtDesk: Int
    public let returnedIncomplete: Int
    /// Processing time of the dossiers resolved in the period, in working days (the day of
    /// receipt not counted, pauses deducted): average and 90th percentile; and the average
    /// legal limit of those dossiers, in working days.
    public let averageProcessingDays: Double?
    public let p90ProcessingDays: Int?
    public let averageLimitDays: Double?
    /// (Early + on time) ÷ resolved.
    public let onTimeRate: Double?
    /// New online ÷ new.
    public let onlineSubmissionShare: Double?
    /// Payments received in the period, online, and the share.
    public let payments: Int
    public let onlinePayments: Int
    public let onlinePaymentShare: Double?
    /// Results handed over in the period, electronically, and the share.
    public let results: Int
    public let electronicResults: Int
    public let electronicResultShare: Double?
    /// Evaluations given at hand-over, negative ones (not satisfied, complaint).
    public let evaluations: Int
    public let negativeEvaluations: Int
    /// (Resolved late + pending overdue) ÷ (resolved + pending).
    public let overdueRate: Double?
    /// 100 % − (overdue rate + negative evaluations ÷ evaluations); nil without evaluations.
    public let satisfaction: Double?

    init(_ c: PeriodCounters) {
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        carriedOver = c.carriedOver
        newDesk = c.receivedDesk
        newOnline = c.receivedOnline
        newPost = c.receivedPost
        newReceived = c.receivedDesk + c.receivedOnline + c.receivedPost
        received = carriedOver + newReceived
        resolvedEarly = c.resolvedEarly
        resolvedOnTime = c.resolvedOnTime
        resolvedLate = c.resolvedLate
        resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate
        resolvedLateApologised = c.resolvedLateApologised
        resolvedLatePastPromise = c.resolvedLatePastPromise
        refused = c.refused
        withdrawn = c.withdrawn
        stopped = c.stopped
        pending = c.openAtEnd
        pendingOverdue = c.overdueAtEnd
        pendingNotDue = c.openAtEnd - c.overdueAtEnd
        supplementRequests = c.supplementRequests
        apologies = c.apologies
        refusedAtDesk = c.refusedAtDesk
        returnedIncomplete = c.returnedIncomplete
        averageProcessingDays = resolved == 0 ? nil : Double(c.processingDays) / Double(resolved)
        p90ProcessingDays = Self.percentile(0.9, of: c.durations)
        averageLimitDays = resolved == 0 ? nil : c.limitDays / Double(resolved)
        onTimeRate = share(resolvedEarly + resolvedOnTime, resolved)
        onlineSubmissionShare = share(newOnline, newReceived)
        payments = c.payments
        onlinePayments = c.paymentsOnline
        onlinePaymentShare = share(c.paymentsOnline, c.payments)
        results = c.results
        electronicResults = c.resultsElectronic
        electronicResultShare = share(c.resultsElectronic, c.results)
        evaluations = c.evaluations
        negativeEvaluations = c.evaluationsNegative
        let overdue = share(c.resolvedLate + c.overdueAtEnd, c.resolvedEarly + c.resolvedOnTime + c.resolvedLate + c.openAtEnd)
        overdueRate = overdue
        satisfaction = share(c.evaluationsNegative, c.evaluations).map { max(0, 1 - ((overdue ?? 0) + $0)) }
    }

    /// The smallest value with at least `fraction` of the counted items at or below it (nil
    /// when nothing is counted): the nearest-rank percentile.
    static func percentile(_ fraction: Double, of histogram: [Int: Int]) -> Int? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = Int((fraction * Double(total)).rounded(.up))
        var seen = 0
        for (value, count) in histogram.sorted(by: { $0.key < $1.key }) {
            seen += count
            if seen >= rank { return value }
        }
        return histogram.keys.max()
    }
}
