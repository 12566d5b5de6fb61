/// The legal processing time of a procedure (or of one department's share of it): a number and a unit.
public struct TimeLimit: Hashable, Sendable, CustomStringConvertible {
    /// What the number counts.
    public enum Unit: String, Hashable, Sendable {
        /// Working days; 0 means a same-day procedure.
        case workingDays = "working_days"
        /// Hours of office time on working days.
        case workingHours = "working_hours"
        /// Calendar days, weekends and holidays included.
        case calendarDays = "calendar_days"
    }

    /// How many units, 0 or more.
    public let value: Int
    /// The unit.
    public let unit: Unit

    /// A limit, or `nil` when the value is negative.
    public init?(value: Int, unit: Unit) {
        guard value >= 0 else { return nil }
        self.value = value
        self.unit = unit
    }

    /// "3 working days", "8 working hours", "15 calendar days".
    public var description: String {
        switch unit {
        case .workingDays: "\(value) working days"
        case .workingHours: "\(value) working hours"
        case .calendarDays: "\(value) calendar days"
        }
    }
}
