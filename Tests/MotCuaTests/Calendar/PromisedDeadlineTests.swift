import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// An apology slip's new date replaces the law's and moves on with the pauses after it. Base
    /// case: paper received Mon 3/3/2025 09:00, 5 working days, due Mon 10/3 17:00; the slip,
    /// issued Mon 10/3 16:00, promises Fri 14/3.
    @Suite struct PromisedDeadlines {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: CalendarOverride.knownDecisions))

        func promised(_ day: String = "2025-03-14", at moment: (day: String, time: String) = ("2025-03-10", "16:00"), pauses: [DateInterval] = []) throws
            -> Deadline
        {
            let limit = try #require(TimeLimit(value: 5, unit: .workingDays))
            let law = try Deadlines.deadline(5, .workingDays, received: "2025-03-03", at: "09:00", pauses: pauses)
            return calculator.deadline(
                promised: try CalendarTests.date(day), at: try CalendarTests.moment(moment.day, moment.time), replacing: law, for: limit, pauses: pauses)
        }

        @Test func withoutALaterPauseItIsThePromisedDaysClose() throws {
            let deadline = try promised()
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-14")))
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-14", "17:00")))
            #expect(deadline.pausedTime == 0)
        }

        @Test func twoPausedWorkingDaysAfterThePromiseMoveItTwoWorkingDays() throws {
            let deadline = try promised(pauses: [try Pauses.pause("2025-03-11 07:30", "2025-03-13 07:30")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-18")))  // Mon 17/3, Tue 18/3
            #expect(deadline.pausedTime == 16 * 3600)
        }

        @Test func aPauseOverTheWeekendCountsOnlyItsOfficeTime() throws {
            // Friday afternoon and Monday morning: 8 h, reached at Monday's close.
            let deadline = try promised(pauses: [try Pauses.pause("2025-03-14 13:00", "2025-03-17 11:30")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-17")))
        }

        @Test func aPauseBeforeThePromiseDoesNotMoveIt() throws {
            // The pause moved the law's date to Wed 12/3; the slip issued that day knew of it.
            let deadline = try promised(at: ("2025-03-12", "16:00"), pauses: [try Pauses.pause("2025-03-04 07:30", "2025-03-06 07:30")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-14")))
        }

        @Test func aPromiseOfADayAlreadyClosedStaysAsItIs() throws {
            let deadline = try promised("2025-03-12", at: ("2025-03-13", "09:00"), pauses: [try Pauses.pause("2025-03-13 10:00", "2025-03-14 10:00")])
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-12", "17:00")))
        }

        @Test func calendarDayLimitsMoveByThePausedCalendarTime() throws {
            let limit = try #require(TimeLimit(value: 6, unit: .calendarDays))
            let law = try Deadlines.deadline(6, .calendarDays, received: "2025-03-03", at: "09:00")
            let deadline = calculator.deadline(
                promised: try CalendarTests.date("2025-03-12"), at: try CalendarTests.moment("2025-03-10", "10:00"), replacing: law, for: limit,
                pauses: [try Pauses.pause("2025-03-11 00:00", "2025-03-12 00:00")])
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-13")))
            #expect(deadline.pausedTime == 24 * 3600)
        }
    }
}
