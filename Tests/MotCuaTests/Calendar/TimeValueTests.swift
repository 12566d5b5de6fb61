import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// Local time, times of day, office hours and limits.
    @Suite struct TimeValues {
        @Test func vietnamTimeIsUTCPlusSeven() throws {
            let midnight = Date(timeIntervalSince1970: 1_740_934_800)  // 2025-03-02 17:00 UTC
            #expect(VietnamTime.day(of: midnight) == (try CalendarTests.date("2025-03-03")))
            #expect(VietnamTime.secondsSinceMidnight(of: midnight) == 0)
            let beforeMidnight = midnight.addingTimeInterval(-1)
            #expect(VietnamTime.day(of: beforeMidnight) == (try CalendarTests.date("2025-03-02")))
            #expect(VietnamTime.secondsSinceMidnight(of: beforeMidnight) == 86_399)
            #expect(try CalendarTests.moment("2025-03-03", "00:00") == midnight)
            let old = try CalendarTests.date("1969-12-31")
            #expect(VietnamTime.day(of: VietnamTime.moment(on: old, secondsSinceMidnight: 3600)) == old)
            let time = try #require(LocalTimeOfDay(hour: 7, minute: 30))
            #expect(VietnamTime.moment(on: old, at: time) == VietnamTime.moment(on: old, secondsSinceMidnight: 27_000))
        }

        @Test func timesOfDayAreValidatedAndPrinted() throws {
            #expect(LocalTimeOfDay(hour: 24, minute: 0) == nil)
            #expect(LocalTimeOfDay(hour: 7, minute: 60) == nil)
            #expect(LocalTimeOfDay(hour: -1, minute: 0) == nil)
            #expect(try #require(LocalTimeOfDay(hour: 7, minute: 5)).description == "07:05")
            #expect(DeadlinePolicy.standardCutOff.description == "15:00")
            #expect(try #require(LocalTimeOfDay(hour: 9, minute: 0)) < (try #require(LocalTimeOfDay(hour: 15, minute: 0))))
        }

        @Test func officeHoursAreValidated() throws {
            func time(_ hour: Int, _ minute: Int) throws -> LocalTimeOfDay { try #require(LocalTimeOfDay(hour: hour, minute: minute)) }
            #expect(OfficeHours(sessions: []) == nil)
            #expect(OfficeHours(sessions: [OfficeHours.Session(start: try time(12, 0), end: try time(8, 0))]) == nil)
            #expect(
                OfficeHours(sessions: [
                    OfficeHours.Session(start: try time(8, 0), end: try time(12, 0)), OfficeHours.Session(start: try time(11, 0), end: try time(17, 0)),
                ]) == nil)
            #expect(
                OfficeHours(sessions: [
                    OfficeHours.Session(start: try time(8, 0), end: try time(12, 0)), OfficeHours.Session(start: try time(13, 0), end: try time(13, 0)),
                ]) == nil)
            let single = try #require(OfficeHours(sessions: [OfficeHours.Session(start: try time(8, 0), end: try time(16, 0))]))
            #expect(single.dailyDuration == 8 * 3600)
            #expect(OfficeHours.standard.dailyDuration == 8 * 3600)
            #expect(OfficeHours.standard.sessions.map { "\($0.start)–\($0.end)" } == ["07:30–11:30", "13:00–17:00"])
        }

        @Test func limitsAreNonNegativeAndReadable() throws {
            #expect(TimeLimit(value: -1, unit: .workingDays) == nil)
            #expect(try #require(TimeLimit(value: 3, unit: .workingDays)).description == "3 working days")
            #expect(try #require(TimeLimit(value: 8, unit: .workingHours)).description == "8 working hours")
            #expect(try #require(TimeLimit(value: 15, unit: .calendarDays)).description == "15 calendar days")
            #expect(TimeLimit.Unit(rawValue: "working_days") == .workingDays)
            #expect(CountingConvention(rawValue: "receipt_day_not_counted") == .receiptDayNotCounted)
            #expect(DeadlinePolicy().convention == .receiptDayNotCounted)
            #expect(DeadlinePolicy().paperCutOff == DeadlinePolicy.standardCutOff)
        }
    }
}
