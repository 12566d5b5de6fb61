/// How a working-day limit is counted; a setting of the procedure or of the province.
public enum CountingConvention: String, Hashable, Sendable, CaseIterable {
    /// The day of receipt is not counted: the due day is the n-th working day after it, due at the close of
    /// office hours. The convention of most published procedures, and the default.
    case receiptDayNotCounted = "receipt_day_not_counted"
    /// Each working day is a day's office time (8 hours with the standard hours), counted from the moment of receipt.
    case workingHoursFromReceipt = "working_hours_from_receipt"
}
