import CivilTime
import Testing

@testable import MotCua

/// Periods as leaders write them, and the nearest-rank percentile of the processing times.
struct ReportPeriodTests {
    func days(_ text: String) throws -> String {
        let period = try ReportPeriod(parsing: text)
        return "\(period.from)..\(period.to)"
    }

    @Test func quartersMonthsIsoWeeksYearsAndRanges() throws {
        #expect(try days("2026-Q3") == "2026-07-01..2026-09-30")
        #expect(try days("2026-Q1") == "2026-01-01..2026-03-31")
        #expect(try days("2026-11") == "2026-11-01..2026-11-30")
        #expect(try days("2028-02") == "2028-02-01..2028-02-29")
        #expect(try days("2027-02") == "2027-02-01..2027-02-28")
        // 1/1/2026 is a Thursday, so ISO week 1 starts on Monday 29/12/2025, and 2026 has 53 weeks.
        #expect(try days("2026-W01") == "2025-12-29..2026-01-04")
        #expect(try days("2026-W47") == "2026-11-16..2026-11-22")
        #expect(try days("2026-W53") == "2026-12-28..2027-01-03")
        #expect(try days("2026") == "2026-01-01..2026-12-31")
        #expect(try days("2026-11-16..2026-11-29") == "2026-11-16..2026-11-29")
        #expect(ReportPeriod.month(of: CalendarDate(year: 2026, month: 12, day: 3)!).label == "2026-12")
        #expect(ReportPeriod.isoWeek(of: CalendarDate(year: 2027, month: 1, day: 2)!).week == 53)
    }

    @Test func aPeriodThatIsNoneIsRefusedWithTheFormsItMayTake() {
        for text in ["2026-13", "2025-W53", "2026-Q0", "26-11", "2026-11-30..2026-11-01", "2026-11-01..", "november", "2026-1"] {
            #expect(throws: MotCuaError.self, "\(text)") { try ReportPeriod(parsing: text) }
        }
        for (text, message) in [
            ("2025-W53", "names no ISO week of 2025 (1–52)"),
            ("2026-02-30..2026-03-01", "\"2026-02-30\" is not a day written YYYY-MM-DD that exists"),
            ("2026-02-01..2026-3-1", "\"2026-3-1\" is not a day written YYYY-MM-DD"),
        ] {
            do {
                _ = try ReportPeriod(parsing: text)
                Issue.record("\(text) was read as a period")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func theP90IsTheNearestRank() {
        #expect(PeriodFigures.percentile(0.9, of: [:]) == nil)
        #expect(PeriodFigures.percentile(0.9, of: [1: 2, 3: 1, 4: 1]) == 4)
        #expect(PeriodFigures.percentile(0.9, of: [1: 9, 5: 1]) == 1, "9 of 10 at 1: the 9th value")
        #expect(PeriodFigures.percentile(0.9, of: [1: 8, 5: 2]) == 5)
        #expect(PeriodFigures.percentile(0.75, of: [1: 1, 2: 1, 3: 3, 4: 1, 6: 1]) == 4, "the 6th of 7")
    }
}
