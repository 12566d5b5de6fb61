import CivilTime

/// An official decision that changes one day of the computed calendar: an extra day off, or a make-up
/// working Saturday that pays it back. Overrides are data (stored with their document) and win over the
/// computed default; when several target the same date, the last one in the list wins.
public struct CalendarOverride: Hashable, Sendable {
    /// What the decision makes of the day.
    public enum Kind: String, Hashable, Sendable {
        /// The day is off (a swapped day off).
        case dayOff = "day_off"
        /// The day is worked even though it is a Saturday, Sunday or holiday (make-up working day).
        case workingDay = "working_day"
    }

    /// The day.
    public let date: CalendarDate
    /// What the decision makes of the day.
    public let kind: Kind
    /// Why, in the words of the decision.
    public let reason: String
    /// The document that decided it, e.g. "Thông báo 6150/TB-BNV".
    public let document: String

    /// Creates an override.
    public init(date: CalendarDate, kind: Kind, reason: String, document: String) {
        self.date = date
        self.kind = kind
        self.reason = reason
        self.document = document
    }
}
