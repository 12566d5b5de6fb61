import Foundation

/// A wall-clock time of day to the minute, such as an office opening or the 15:00 cut-off.
public struct LocalTimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0–1439.
    public let minutesSinceMidnight: Int

    /// A time of day, or `nil` unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutesSinceMidnight = hour * 60 + minute
    }

    /// A time of day from a minute count known to be in range.
    init(minutes: Int) {
        precondition((0..<1440).contains(minutes), "a time of day is within one day")
        minutesSinceMidnight = minutes
    }

    /// Seconds since midnight.
    public var secondsSinceMidnight: TimeInterval { TimeInterval(minutesSinceMidnight * 60) }

    /// `HH:MM`.
    public var description: String {
        let hour = minutesSinceMidnight / 60
        let minute = minutesSinceMidnight % 60
        return "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public static func < (lhs: LocalTimeOfDay, rhs: LocalTimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}
