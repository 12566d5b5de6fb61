import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// Pauses of the clock. Base case: paper received Mon 3/3/2025 09:00, 5 working days, due Mon 10/3 17:00.
    @Suite struct Pauses {
        /// A pause between two local moments given as "YYYY-MM-DD HH:MM".
        static func pause(_ from: String, _ to: String) throws -> DateInterval {
            func moment(_ text: String) throws -> Date {
                let parts = text.split(separator: " ").map(String.init)
                try #require(parts.count == 2)
                return try CalendarTests.moment(parts[0], parts[1])
            }
            return DateInterval(start: try moment(from), end: try moment(to))
        }

        static func fiveDays(pauses: [DateInterval]) throws -> Deadline {
            try Deadlines.deadline(5, .workingDays, received: "2025-03-03", at: "09:00", pauses: pauses)
        }

        @Test func wholeDaysMoveTheDueDayByAsManyWorkingDays() throws {
            let deadline = try Self.fiveDays(pauses: [try Self.pause("2025-03-04 07:30", "2025-03-06 07:30")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-12")))
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-12", "17:00")))
            #expect(deadline.pausedTime == 16 * 3600)
        }

        @Test func aPartialDayMovesTheDueDayToTheDayTheLimitIsReached() throws {
            let deadline = try Self.fiveDays(pauses: [try Self.pause("2025-03-04 13:00", "2025-03-04 17:00")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-11")))  // reached Tue 11/3 11:30
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-11", "17:00")))
            #expect(deadline.pausedTime == 4 * 3600)
        }

        @Test func overlappingPausesCountOnce() throws {
            let pauses = [
                try Self.pause("2025-03-05 09:00", "2025-03-06 17:00"),
                try Self.pause("2025-03-04 08:00", "2025-03-05 12:00"),
            ]
            let deadline = try Self.fiveDays(pauses: pauses)
            #expect(deadline.pausedTime == 23.5 * 3600)  // Tue 7 h 30, Wed 8 h, Thu 8 h
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-13")))  // counted twice it would be Fri 14/3
        }

        @Test func aPauseOverAWeekendCountsOnlyItsOfficeTime() throws {
            let deadline = try Self.fiveDays(pauses: [try Self.pause("2025-03-07 13:00", "2025-03-10 11:30")])
            #expect(deadline.pausedTime == 8 * 3600)  // Friday afternoon and Monday morning
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-11")))
        }

        @Test(arguments: [
            ("2025-03-03 10:00", "2025-03-03 16:00"),  // the day of receipt, which is not counted
            ("2025-03-01 08:00", "2025-03-03 08:00"),  // before receipt
            ("2025-03-11 07:30", "2025-03-12 17:00"),  // after the due moment
            ("2025-03-08 00:00", "2025-03-10 00:00"),  // a weekend
            ("2025-03-04 09:00", "2025-03-04 09:00"),  // empty
        ])
        func pausesOutsideTheCountedTimeChangeNothing(from: String, to: String) throws {
            let deadline = try Self.fiveDays(pauses: [try Self.pause(from, to)])
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-10", "17:00")))
            #expect(deadline.pausedTime == 0)
        }

        @Test func hourLimitsMoveByExactlyThePausedOfficeTime() throws {
            let pause = try Self.pause("2025-03-03 10:00", "2025-03-03 10:30")
            let deadline = try Deadlines.deadline(4, .workingHours, received: "2025-03-03", at: "09:00", pauses: [pause])
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-03", "15:00")))  // 14:30 without the pause
            #expect(deadline.pausedTime == 1800)
        }

        @Test func calendarDayLimitsPauseCalendarTime() throws {
            let pause = try Self.pause("2025-03-04 00:00", "2025-03-06 00:00")
            let deadline = try Deadlines.deadline(6, .calendarDays, received: "2025-03-03", at: "09:00", pauses: [pause])
            #expect(deadline.pausedTime == 48 * 3600)
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-11")))  // 9/3 + 2 days, a Tuesday
        }

        @Test func aTaxAssessmentAndASupplementWaitBothStopTheClock() throws {
            let deadline = try Deadlines.deadline(
                10, .workingDays, received: "2025-03-03", at: "09:00",
                pauses: [
                    try Self.pause("2025-03-05 07:30", "2025-03-06 17:00"),  // supplement: Wed and Thu
                    try Self.pause("2025-03-11 07:30", "2025-03-13 17:00"),  // tax assessment: Tue to Thu
                ])
            // 10 working days from Tue 4/3 end Mon 17/3; 5 paused days move it to Mon 24/3.
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-24")))
            #expect(deadline.pausedTime == 40 * 3600)
        }

        @Test func mergingSortsAndJoinsTouchingIntervals() throws {
            let merged = DeadlineClock.merged([
                try Self.pause("2025-03-05 10:00", "2025-03-05 11:00"),
                try Self.pause("2025-03-04 10:00", "2025-03-04 11:00"),
                try Self.pause("2025-03-04 11:00", "2025-03-04 12:00"),
                try Self.pause("2025-03-04 10:30", "2025-03-04 10:45"),
                try Self.pause("2025-03-06 10:00", "2025-03-06 10:00"),
            ])
            #expect(
                merged == [
                    try CalendarTests.moment("2025-03-04", "10:00")..<(try CalendarTests.moment("2025-03-04", "12:00")),
                    try CalendarTests.moment("2025-03-05", "10:00")..<(try CalendarTests.moment("2025-03-05", "11:00")),
                ])
        }
    }
}
