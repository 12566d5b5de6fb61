import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// The 15:00 cut-off for paper dossiers and the office-hours rule for online submissions.
    @Suite struct ReceiptRules {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(overrides: CalendarOverride.knownDecisions))

        @Test(arguments: [
            ("14:59", "2025-03-05 14:59", "2025-03-05"),
            ("15:00", "2025-03-05 15:00", "2025-03-05"),
            ("15:01", "2025-03-06 07:30", "2025-03-06"),
            ("16:45", "2025-03-06 07:30", "2025-03-06"),
        ])
        func paperCutOffForSameDayProcedures(time: String, effective: String, due: String) throws {
            let deadline = try Deadlines.deadline(0, .workingDays, received: "2025-03-05", at: time)
            let parts = effective.split(separator: " ").map(String.init)
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment(parts[0], parts[1])))
            #expect(deadline.dueDate == (try CalendarTests.date(due)))
            #expect(deadline.dueMoment == (try CalendarTests.moment(due, "17:00")))
        }

        @Test func paperCutOffShiftsMultiDayLimitsByOneWorkingDay() throws {
            let before = try Deadlines.deadline(2, .workingDays, received: "2025-03-05", at: "14:59")
            let after = try Deadlines.deadline(2, .workingDays, received: "2025-03-05", at: "15:01")
            #expect(before.dueDate == (try CalendarTests.date("2025-03-07")))
            #expect(after.dueDate == (try CalendarTests.date("2025-03-10")))
        }

        @Test func paperCutOffBeforeAHolidayRollsOverIt() throws {
            let deadline = try Deadlines.deadline(0, .workingDays, received: "2026-02-13", at: "15:30")
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment("2026-02-23", "07:30")))
            #expect(deadline.dueDate == (try CalendarTests.date("2026-02-23")))
        }

        @Test func theCutOffIsASettingAndOnlyForPaper() throws {
            let disabled = try Deadlines.deadline(0, .workingDays, received: "2025-03-05", at: "15:01", policy: DeadlinePolicy(paperCutOff: nil))
            #expect(disabled.dueDate == (try CalendarTests.date("2025-03-05")))
            let four: LocalTimeOfDay = try #require(LocalTimeOfDay(hour: 16, minute: 0))
            let later = DeadlinePolicy(paperCutOff: four)
            let beforeFour = try Deadlines.deadline(0, .workingDays, received: "2025-03-05", at: "15:30", policy: later)
            #expect(beforeFour.dueDate == (try CalendarTests.date("2025-03-05")))
            let online = try Deadlines.deadline(0, .workingDays, received: "2025-03-05", at: "15:01", mode: .online)
            #expect(online.effectiveReceipt == (try CalendarTests.moment("2025-03-05", "15:01")))
            #expect(online.dueDate == (try CalendarTests.date("2025-03-05")))
        }

        @Test func paperAfterClosingWithoutCutOffRollsOver() throws {
            let deadline = try Deadlines.deadline(0, .workingDays, received: "2025-03-05", at: "17:30", policy: DeadlinePolicy(paperCutOff: nil))
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment("2025-03-06", "07:30")))
        }

        @Test(arguments: [
            ("2025-03-09", "10:00", "2025-03-10 07:30"),  // Sunday
            ("2025-03-05", "20:00", "2025-03-06 07:30"),  // evening
            ("2025-03-05", "06:00", "2025-03-05 07:30"),  // before opening
            ("2025-03-05", "12:00", "2025-03-05 13:00"),  // lunch break
            ("2025-03-05", "17:00", "2025-03-06 07:30"),  // at closing
            ("2025-04-30", "09:00", "2025-05-05 07:30"),  // holiday, then the swapped day off and a weekend
            ("2025-04-26", "09:00", "2025-04-26 09:00"),  // make-up Saturday: the office is open
            ("2025-03-07", "22:00", "2025-03-10 07:30"),  // Friday night
        ])
        func onlineSubmissionsOutsideOfficeHoursCountFromTheNextOpening(day: String, time: String, effective: String) throws {
            let parts = effective.split(separator: " ").map(String.init)
            let receipt = calculator.effectiveReceipt(of: try CalendarTests.moment(day, time), mode: .online)
            #expect(receipt == (try CalendarTests.moment(parts[0], parts[1])))
        }

        @Test func onlineOnASundayCountsFromMonday() throws {
            let deadline = try Deadlines.deadline(3, .workingDays, received: "2025-03-09", at: "10:00", mode: .online)
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-13")))  // Monday not counted: Tue, Wed, Thu
            let sameDay = try Deadlines.deadline(0, .workingDays, received: "2025-03-09", at: "10:00", mode: .online)
            #expect(sameDay.dueDate == (try CalendarTests.date("2025-03-10")))
        }

        @Test func onlineAtEightInTheEveningCountsFromTheNextMorning() throws {
            let deadline = try Deadlines.deadline(2, .workingDays, received: "2025-03-05", at: "20:00", mode: .online)
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment("2025-03-06", "07:30")))
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-10")))  // Thursday not counted: Fri, Mon
            let hourly = try Deadlines.deadline(2, .workingHours, received: "2025-03-05", at: "20:00", mode: .online)
            #expect(hourly.dueMoment == (try CalendarTests.moment("2025-03-06", "09:30")))
        }

        @Test func paperOnAWeekendCountsFromTheNextOpening() throws {
            let deadline = try Deadlines.deadline(1, .workingDays, received: "2025-03-08", at: "09:00")
            #expect(deadline.effectiveReceipt == (try CalendarTests.moment("2025-03-10", "07:30")))
            #expect(deadline.dueDate == (try CalendarTests.date("2025-03-11")))
        }
    }
}
