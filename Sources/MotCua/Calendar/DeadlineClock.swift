import CivilTime
import Foundation

/// Runs an amount of counted time from a start moment, day by day, skipping the paused intervals.
struct DeadlineClock {
    /// Which time a limit counts.
    enum CountedTime {
        /// Office hours of working days.
        case office
        /// All time, weekends and holidays included.
        case calendar
    }

    let calendar: WorkingCalendar
    let officeHours: OfficeHours
    /// The pauses, merged: sorted, none empty, none overlapping or touching another.
    let pauses: [Range<Date>]

    /// A clock for a calendar and office hours, with pauses that may overlap.
    init(calendar: WorkingCalendar, officeHours: OfficeHours, pauses: [DateInterval]) {
        self.calendar = calendar
        self.officeHours = officeHours
        self.pauses = Self.merged(pauses)
    }

    /// The earliest moment at which `amount` of counted time has run outside the pauses since `start`, the local
    /// day whose counted time holds it (a limit reached at midnight belongs to the day it ends), and the counted
    /// time paused on the way.
    func run(_ amount: TimeInterval, from start: Date, counting: CountedTime) -> (moment: Date, day: CalendarDate, paused: TimeInterval) {
        var remaining = amount
        var spanned: TimeInterval = 0  // counted time, pauses included, of the periods already passed
        var day = VietnamTime.day(of: start)
        while true {
            for period in periods(on: day, counting) where period.upperBound > start {
                let counted = max(period.lowerBound, start)..<period.upperBound
                for piece in unpaused(counted) {
                    let length = piece.upperBound.timeIntervalSince(piece.lowerBound)
                    if remaining <= length {
                        let moment = piece.lowerBound.addingTimeInterval(remaining)
                        return (moment, day, spanned + moment.timeIntervalSince(counted.lowerBound) - amount)
                    }
                    remaining -= length
                }
                spanned += counted.upperBound.timeIntervalSince(counted.lowerBound)
            }
            day = day.adding(days: 1)
        }
    }

    /// The counted time outside the pauses from `start` until `end` (0 when `end` is not later).
    func counted(from start: Date, until end: Date, counting: CountedTime) -> TimeInterval {
        var total: TimeInterval = 0
        var day = VietnamTime.day(of: start)
        let last = VietnamTime.day(of: end)
        while day <= last {
            for period in periods(on: day, counting) where period.upperBound > start && period.lowerBound < end {
                for piece in unpaused(max(period.lowerBound, start)..<min(period.upperBound, end)) {
                    total += piece.upperBound.timeIntervalSince(piece.lowerBound)
                }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The periods of a day in which the clock may run.
    private func periods(on day: CalendarDate, _ counting: CountedTime) -> [Range<Date>] {
        switch counting {
        case .office:
            calendar.isWorkingDay(day) ? officeHours.periods(on: day) : []
        case .calendar:
            [VietnamTime.moment(on: day, secondsSinceMidnight: 0)..<VietnamTime.moment(on: day.adding(days: 1), secondsSinceMidnight: 0)]
        }
    }

    /// The non-empty parts of a range outside every pause, in order.
    private func unpaused(_ range: Range<Date>) -> [Range<Date>] {
        var pieces: [Range<Date>] = []
        var cursor = range.lowerBound
        for pause in pauses where pause.upperBound > cursor && pause.lowerBound < range.upperBound {
            if pause.lowerBound > cursor { pieces.append(cursor..<pause.lowerBound) }
            cursor = pause.upperBound
        }
        if cursor < range.upperBound { pieces.append(cursor..<range.upperBound) }
        return pieces
    }

    /// Intervals sorted and merged where they overlap or touch; empty ones dropped.
    static func merged(_ intervals: [DateInterval]) -> [Range<Date>] {
        var merged: [Range<Date>] = []
        for interval in intervals.sorted(by: { $0.start < $1.start }) where interval.duration > 0 {
            if let last = merged.last, interval.start <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, interval.end)
            } else {
                merged.append(interval.start..<interval.end)
            }
        }
        return merged
    }
}
