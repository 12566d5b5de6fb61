/// The deadline rules of a procedure: how its limit is counted and whether late paper dossiers roll over.
public struct DeadlinePolicy: Hashable, Sendable {
    /// How working-day limits are counted.
    public let convention: CountingConvention
    /// A paper dossier received later than this on a working day counts as received the next working day;
    /// `nil` disables the rule.
    public let paperCutOff: LocalTimeOfDay?

    /// Rules for a procedure; by default the day of receipt is not counted and the cut-off is 15:00.
    public init(convention: CountingConvention = .receiptDayNotCounted, paperCutOff: LocalTimeOfDay? = DeadlinePolicy.standardCutOff) {
        self.convention = convention
        self.paperCutOff = paperCutOff
    }

    /// 15:00, the cut-off of the one-stop rules.
    public static let standardCutOff = LocalTimeOfDay(minutes: 15 * 60)
}
