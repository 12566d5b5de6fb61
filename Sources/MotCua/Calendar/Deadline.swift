import CivilTime
import Foundation

/// When a dossier is due, and the moments that led there.
public struct Deadline: Hashable, Sendable {
    /// The moment the clock is counted from, after the receipt rules (cut-off, outside office hours).
    public let effectiveReceipt: Date
    /// The due moment: the close of office hours of the due day for day-based limits, the exact moment for hour-based ones.
    public let dueMoment: Date
    /// The due day (local date of the due moment).
    public let dueDate: CalendarDate
    /// The counted time (office time, or calendar time for calendar-day limits) that fell in pauses before the due moment
    /// (after the promise, for an apology slip's date).
    public let pausedTime: TimeInterval
}
