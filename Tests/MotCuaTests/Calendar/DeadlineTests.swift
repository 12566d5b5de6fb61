import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// Deadlines by unit and convention; receipt rules and pauses have their own suites.
    @Suite struct Deadlines {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: CalendarOverride.knownDecisions))

        /// The deadline of a dossier received at a local date and time.
        static func deadline(
            _ value: Int, _ unit: TimeLimit.Unit, received iso: String, at time: String, mode: SubmissionMode = .paper,
            policy: DeadlinePolicy = DeadlinePolicy(), pauses: [DateInterval] = [],
            calculator: DeadlineCalculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: CalendarOverride.knownDecisions))
        ) throws -> Deadline {
            let limit = try #require(TimeLimit(value: value, unit: unit))
            return calculator.deadline(for: limit, receivedAt: try CalendarTests.moment(iso, time), mode: mode, policy: policy, pauses: pauses)
        }

        /// The two worked examples of the domain brief.
        @Test(arguments: [
            ("2025-04-25", "10:00", 3, "2025-04-29"),  // Sat 26/4 is a make-up working day
            ("2026-02-13", "09:00", 5, "2026-02-27"),  // Tết holiday 16–20/2
        ])
        func workedExamples(received: String, time: String, days: Int, due: String) throws {
            let deadline = try Self.deadline(days, .workingDays, received: received, at: time)
            #expect(deadline.dueDate == (try CalendarTests.date(due)))
            #expect(deadline.dueMoment == (try CalendarTests.moment(due, "17:00")))
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment(received, time)))
            #expect(deadline.pausedTime == 0)
        }

        @Test(arguments: [
            (1, "2025-03-04"), (4, "2025-03-07"), (5, "2025-03-10"), (10, "2025-03-17"), (20, "2025-03-31"),
        ])
        func workingDaysNotCountingTheDayOfReceipt(days: Int, due: String) throws {
            let deadline = try Self.deadline(days, .workingDays, received: "2025-03-03", at: "14:30")
            #expect(deadline.dueDate == (try CalendarTests.date(due)))
            #expect(deadline.dueMoment == (try CalendarTests.moment(due, "17:00")))
        }

        @Test(arguments: [
            ("2025-03-03", "10:00", 4, "2025-03-03", "15:30"),  // 1 h 30 in the morning, 2 h 30 after lunch
            ("2025-03-03", "07:30", 4, "2025-03-03", "11:30"),  // exactly the morning session
            ("2025-03-03", "10:00", 16, "2025-03-05", "10:00"),
            ("2025-04-29", "16:00", 2, "2025-05-05", "08:30"),  // online, so no cut-off; 30/4, 1/5, 2/5 off, then the weekend
            ("2025-03-03", "10:00", 0, "2025-03-03", "10:00"),
        ])
        func workingHoursRunOnOfficeTime(received: String, time: String, hours: Int, due: String, dueTime: String) throws {
            let deadline = try Self.deadline(hours, .workingHours, received: received, at: time, mode: .online)
            #expect(deadline.dueMoment == (try CalendarTests.moment(due, dueTime)))
            #expect(deadline.dueDate == (try CalendarTests.date(due)))
        }

        @Test func workingHoursFromReceiptCountEightHoursADay() throws {
            let policy = DeadlinePolicy(convention: .workingHoursFromReceipt)
            // Fri 10:00: 5 h 30 on Friday, 8 h on the make-up Saturday, 8 h on Monday, 2 h 30 on Tuesday.
            let deadline = try Self.deadline(3, .workingDays, received: "2025-04-25", at: "10:00", policy: policy)
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-04-29", "10:00")))
            #expect(deadline.dueDate == (try CalendarTests.date("2025-04-29")))
            let fromOpening = try Self.deadline(1, .workingDays, received: "2025-03-03", at: "07:30", policy: policy)
            #expect(fromOpening.dueMoment == (try CalendarTests.moment("2025-03-03", "17:00")))
            let sameDay = try Self.deadline(0, .workingDays, received: "2025-03-03", at: "10:00", policy: policy)
            #expect(sameDay.dueMoment == (try CalendarTests.moment("2025-03-03", "17:00")))
        }

        @Test(arguments: [
            ("2025-03-03", 4, "2025-03-07"),  // Fri
            ("2025-03-03", 6, "2025-03-10"),  // Sun 9/3 → Mon
            ("2025-03-03", 5, "2025-03-10"),  // Sat 8/3 → Mon
            ("2026-02-06", 10, "2026-02-23"),  // Mon 16/2 is Tết → the next working day
            ("2025-04-21", 5, "2025-04-26"),  // lands on the make-up Saturday, which is worked
            ("2025-03-03", 0, "2025-03-03"),
        ])
        func calendarDaysMoveOffANonWorkingDay(received: String, days: Int, due: String) throws {
            for convention in CountingConvention.allCases {
                let deadline = try Self.deadline(days, .calendarDays, received: received, at: "10:00", policy: DeadlinePolicy(convention: convention))
                #expect(deadline.dueDate == (try CalendarTests.date(due)))
                #expect(deadline.dueMoment == (try CalendarTests.moment(due, "17:00")))
            }
        }

        @Test func sameDayProceduresAreDueAtTheClose() throws {
            let deadline = try Self.deadline(0, .workingDays, received: "2025-03-05", at: "09:15")
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-05")))
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-05", "17:00")))
        }

        @Test func customOfficeHoursSetTheClose() throws {
            func time(_ hour: Int, _ minute: Int) throws -> LocalTimeOfDay { try #require(LocalTimeOfDay(hour: hour, minute: minute)) }
            let sessions = [
                OfficeHours.Session(start: try time(8, 0), end: try time(12, 0)), OfficeHours.Session(start: try time(13, 30), end: try time(17, 30)),
            ]
            let hours = try #require(OfficeHours(sessions: sessions))
            #expect(hours.dailyDuration == 8 * 3600)
            let calculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: CalendarOverride.knownDecisions), officeHours: hours)
            let deadline = try Self.deadline(2, .workingDays, received: "2025-03-03", at: "07:00", calculator: calculator)
            #expect(deadline.dueMoment == (try CalendarTests.moment("2025-03-05", "17:30")))
            let hourly = try Self.deadline(3, .workingHours, received: "2025-03-03", at: "07:00", mode: .online, calculator: calculator)
            #expect(hourly.effectiveReceipt == (try CalendarTests.moment("2025-03-03", "08:00")))
            #expect(hourly.dueMoment == (try CalendarTests.moment("2025-03-03", "11:00")))
        }

        @Test func aCalendarWithoutDecisionsGivesTheComputedDeadline() throws {
            let plain = DeadlineCalculator(calendar: WorkingCalendar(overrides: []))
            // Without the make-up Saturday 26/4 and with 2/5 worked: Mon 28, Tue 29, Fri 2/5.
            let deadline = try Self.deadline(3, .workingDays, received: "2025-04-25", at: "10:00", calculator: plain)
            #expect(deadline.dueDate == (try CalendarTests.date("2025-05-02")))
        }
    }
}
