/// The keys of a time limit in a catalog file, `{"value": 3, "unit": "working_days"}`.
enum TimeLimitCodingKey: String, CodingKey, CaseIterable {
    case value, unit

    /// The units a file may name, in the order error messages list them.
    static let units: [TimeLimit.Unit] = [.workingDays, .workingHours, .calendarDays]
}
