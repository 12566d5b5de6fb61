import CivilTime
import Testing

@testable import MotCua

extension CalendarTests {
    @Suite struct Lunar {
        let vietnam = VietnameseLunarCalendar()
        let china = VietnameseLunarCalendar(utcOffsetHours: 8)

        /// Tết 2030 is 2 February in Vietnam: the new moon is at 16:07 UTC, 23:07 in Vietnam but 00:07 on 3 February in China.
        @Test(arguments: [
            (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"),
            (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
            (2028, "2028-01-26"), (2029, "2029-02-13"), (2030, "2030-02-02"),
        ])
        func tetFallsOnTheKnownDay(year: Int, iso: String) throws {
            let tet = try CalendarTests.date(iso)
            #expect(vietnam.newYear(of: year) == tet)
            #expect(vietnam.lunarDate(of: tet) == LunarDate(year: year, month: 1, day: 1))
            #expect(vietnam.solarDate(of: LunarDate(year: year, month: 1, day: 1)) == tet)
        }

        @Test(arguments: [(2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26")])
        func hungKingsDayIsTheTenthOfTheThirdMonth(year: Int, iso: String) throws {
            let day = try CalendarTests.date(iso)
            #expect(vietnam.solarDate(of: LunarDate(year: year, month: 3, day: 10)) == day)
            #expect(vietnam.lunarDate(of: day) == LunarDate(year: year, month: 3, day: 10))
        }

        @Test(arguments: [
            (1985, "1985-01-21", "1985-02-20"), (2007, "2007-02-17", "2007-02-18"), (2030, "2030-02-02", "2030-02-03"),
        ])
        func vietnameseAndChineseNewYearsDiffer(year: Int, vietnamese: String, chinese: String) throws {
            #expect(vietnam.newYear(of: year) == (try CalendarTests.date(vietnamese)))
            #expect(china.newYear(of: year) == (try CalendarTests.date(chinese)))
        }

        @Test func vietnameseAndChineseNewYearsAgreeMostYears() {
            #expect(vietnam.newYear(of: 2024) == china.newYear(of: 2024))
            #expect(vietnam.newYear(of: 2026) == china.newYear(of: 2026))
        }

        /// Leap months: 4 in 2020, 2 in 2023, 6 in 2025, 11 in 2033 (the "2033 problem" month).
        @Test(arguments: [
            (2020, 4, "2020-05-23"), (2023, 2, "2023-03-22"), (2025, 6, "2025-07-25"), (2033, 11, "2033-12-22"),
        ])
        func leapMonthsBeginOnTheKnownDay(year: Int, month: Int, iso: String) throws {
            let start = try CalendarTests.date(iso)
            let leap = LunarDate(year: year, month: month, day: 1, isLeapMonth: true)
            #expect(vietnam.solarDate(of: leap) == start)
            #expect(vietnam.lunarDate(of: start) == leap)
            #expect(vietnam.lunarDate(of: start.adding(days: -1)).isLeapMonth == false)
        }

        /// Months 11 and 12 of lunar year 2024 fall in December 2024 and January 2025.
        @Test func theLastMonthsBelongToTheYearBeforeTet() throws {
            let month11 = try CalendarTests.date("2024-12-01")
            let month12 = try CalendarTests.date("2024-12-31")
            #expect(vietnam.solarDate(of: LunarDate(year: 2024, month: 11, day: 1)) == month11)
            #expect(vietnam.solarDate(of: LunarDate(year: 2024, month: 12, day: 1)) == month12)
            #expect(vietnam.lunarDate(of: month12) == LunarDate(year: 2024, month: 12, day: 1))
            #expect(vietnam.lunarDate(of: try CalendarTests.date("2025-01-28")) == LunarDate(year: 2024, month: 12, day: 29))
            #expect(vietnam.lunarDate(of: try CalendarTests.date("2025-07-24")).description == "30/6/2025")
            #expect(vietnam.lunarDate(of: try CalendarTests.date("2025-07-25")).description == "1/6 nhuận/2025")
        }

        @Test func nonexistentLunarDatesHaveNoSolarDate() {
            #expect(vietnam.solarDate(of: LunarDate(year: 2024, month: 4, day: 1, isLeapMonth: true)) == nil)
            #expect(vietnam.solarDate(of: LunarDate(year: 2025, month: 13, day: 1)) == nil)
            #expect(vietnam.solarDate(of: LunarDate(year: 2025, month: 0, day: 1)) == nil)
            #expect(vietnam.solarDate(of: LunarDate(year: 2025, month: 1, day: 0)) == nil)
            #expect(vietnam.solarDate(of: LunarDate(year: 2025, month: 1, day: 31)) == nil)
            // Month 12 of lunar year 2024 (Giáp Thìn) had 29 days: Tết 2025 followed its 29th.
            #expect(vietnam.solarDate(of: LunarDate(year: 2024, month: 12, day: 29)) == CalendarDate(year: 2025, month: 1, day: 28))
            #expect(vietnam.solarDate(of: LunarDate(year: 2024, month: 12, day: 30)) == nil)
        }

        @Test func lunarYearsStartBetweenTheTwentyFirstOfJanuaryAndTheTwentiethOfFebruary() throws {
            for year in 1900...2200 {
                let tet = vietnam.newYear(of: year)
                let earliest = try CalendarTests.date("\(year)-01-21")
                let latest = try CalendarTests.date("\(year)-02-20")
                #expect(earliest <= tet && tet <= latest, "Tết \(year) on \(tet)")
            }
        }

        /// Every day from 1990 to 2100 converts to a lunar date and back, and consecutive days are consecutive lunar days.
        @Test func everyDayRoundTrips() throws {
            let first = try CalendarTests.date("1990-01-01")
            let last = try CalendarTests.date("2100-12-31")
            var previous = vietnam.lunarDate(of: first.adding(days: -1))
            for offset in 0...(last.daysSince2000 - first.daysSince2000) {
                let day = first.adding(days: offset)
                let lunar = vietnam.lunarDate(of: day)
                #expect(vietnam.solarDate(of: lunar) == day, "\(day) → \(lunar)")
                let continues =
                    lunar.day == previous.day + 1 && lunar.month == previous.month && lunar.year == previous.year
                    && lunar.isLeapMonth == previous.isLeapMonth
                let startsMonth = lunar.day == 1 && (29...30).contains(previous.day)
                #expect(continues || startsMonth, "\(day): \(previous) then \(lunar)")
                previous = lunar
            }
        }
    }
}
