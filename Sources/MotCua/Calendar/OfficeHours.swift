import CivilTime
import Foundation

/// The daily office hours of working days: one or more sessions, by default 07:30–11:30 and 13:00–17:00.
public struct OfficeHours: Hashable, Sendable {
    /// One continuous period of office time.
    public struct Session: Hashable, Sendable {
        /// When it opens.
        public let start: LocalTimeOfDay
        /// When it closes.
        public let end: LocalTimeOfDay

        /// A session from `start` to `end`; `OfficeHours.init(sessions:)` checks it.
        public init(start: LocalTimeOfDay, end: LocalTimeOfDay) {
            self.start = start
            self.end = end
        }
    }

    /// The sessions in order of the day; none overlaps another.
    public let sessions: [Session]

    /// Office hours made of sessions, or `nil` unless there is at least one, each ends after it starts,
    /// and each starts no earlier than the previous one ends.
    public init?(sessions: [Session]) {
        guard let first = sessions.first, first.start < first.end,
            zip(sessions, sessions.dropFirst()).allSatisfy({ $0.end <= $1.start && $1.start < $1.end })
        else { return nil }
        self.sessions = sessions
    }

    private init(validated sessions: [Session]) {
        self.sessions = sessions
    }

    /// 07:30–11:30 and 13:00–17:00: eight hours a day.
    public static let standard = OfficeHours(validated: [
        Session(start: LocalTimeOfDay(minutes: 7 * 60 + 30), end: LocalTimeOfDay(minutes: 11 * 60 + 30)),
        Session(start: LocalTimeOfDay(minutes: 13 * 60), end: LocalTimeOfDay(minutes: 17 * 60)),
    ])

    /// The office time of one working day.
    public var dailyDuration: TimeInterval {
        sessions.reduce(0) { $0 + $1.end.secondsSinceMidnight - $1.start.secondsSinceMidnight }
    }

    /// The office periods of a day, as moments (whether the day is worked is not this type's concern).
    package func periods(on day: CalendarDate) -> [Range<Date>] {
        sessions.map { VietnamTime.moment(on: day, at: $0.start)..<VietnamTime.moment(on: day, at: $0.end) }
    }

    /// The office time of a day that is left after a moment.
    func timeLeft(on day: CalendarDate, after moment: Date) -> TimeInterval {
        periods(on: day).reduce(0) { $0 + max(0, $1.upperBound.timeIntervalSince(max($1.lowerBound, moment))) }
    }

    /// When the offices open on a day.
    package func opening(on day: CalendarDate) -> Date {
        VietnamTime.moment(on: day, at: sessions[0].start)
    }

    /// When the offices close on a day.
    package func closing(on day: CalendarDate) -> Date {
        VietnamTime.moment(on: day, at: sessions[sessions.count - 1].end)
    }
}
