import CivilTime
import Testing

@testable import MotCua

extension CalendarTests {
    /// The days off of 2024–2026 as the Labour Code rules and the shipped decisions give them, written out by hand.
    @Suite struct Holidays {
        typealias Entry = (date: String, kind: PublicHoliday.Kind, name: String)

        static let expected2024: [Entry] = [
            ("2024-01-01", .statutory, "Tết Dương lịch"),
            ("2024-02-08", .decided, "Tết Giáp Thìn: nghỉ từ 29 tháng Chạp (8/2) đến mùng 5 (14/2/2024)"),  // Thu, Thông báo 5015/TB-LĐTBXH
            ("2024-02-09", .statutory, "Tết Nguyên đán (ngày cuối năm cũ)"),  // Fri, 30 tháng Chạp
            ("2024-02-10", .statutory, "Tết Nguyên đán (mùng 1)"),  // Sat
            ("2024-02-11", .statutory, "Tết Nguyên đán (mùng 2)"),  // Sun
            ("2024-02-12", .statutory, "Tết Nguyên đán (mùng 3)"),
            ("2024-02-13", .statutory, "Tết Nguyên đán (mùng 4)"),
            ("2024-02-14", .compensatory, "Nghỉ bù Tết Nguyên đán (mùng 1)"),
            // 15/2, the computed second compensatory day, is worked by the decision.
            ("2024-04-18", .statutory, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),  // Thu
            ("2024-04-29", .decided, "Nghỉ hoán đổi dịp 30/4–1/5/2024, làm bù thứ Bảy 4/5/2024"),  // Mon
            ("2024-04-30", .statutory, "Ngày Chiến thắng (30/4)"),  // Tue
            ("2024-05-01", .statutory, "Ngày Quốc tế Lao động"),  // Wed
            ("2024-09-02", .statutory, "Quốc khánh"),  // Mon: the adjacent day is the 3rd
            ("2024-09-03", .statutory, "Quốc khánh (ngày liền kề)"),
        ]

        static let expected2025: [Entry] = [
            ("2025-01-01", .statutory, "Tết Dương lịch"),  // Wed
            ("2025-01-27", .decided, "Tết Ất Tỵ: nghỉ 5 ngày từ 28 tháng Chạp (27/1) đến mùng 3 (31/1/2025)"),  // Mon
            ("2025-01-28", .statutory, "Tết Nguyên đán (ngày cuối năm cũ)"),  // Tue, 29 tháng Chạp (a 29-day month)
            ("2025-01-29", .statutory, "Tết Nguyên đán (mùng 1)"),
            ("2025-01-30", .statutory, "Tết Nguyên đán (mùng 2)"),
            ("2025-01-31", .statutory, "Tết Nguyên đán (mùng 3)"),
            ("2025-02-01", .statutory, "Tết Nguyên đán (mùng 4)"),  // Sat
            // 3/2, the computed compensatory day, is worked by the decision.
            ("2025-04-07", .statutory, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),  // Mon
            ("2025-04-30", .statutory, "Ngày Chiến thắng (30/4)"),  // Wed
            ("2025-05-01", .statutory, "Ngày Quốc tế Lao động"),  // Thu
            ("2025-05-02", .decided, "Nghỉ hoán đổi dịp 30/4–1/5/2025, làm bù thứ Bảy 26/4/2025"),  // Fri
            ("2025-09-01", .statutory, "Quốc khánh (ngày liền kề)"),  // Mon
            ("2025-09-02", .statutory, "Quốc khánh"),  // Tue
        ]

        static let expected2026: [Entry] = [
            ("2026-01-01", .statutory, "Tết Dương lịch"),  // Thu
            ("2026-01-02", .decided, "Nghỉ hoán đổi dịp Tết Dương lịch 2026, làm bù thứ Bảy 10/1/2026"),  // Fri
            ("2026-02-16", .statutory, "Tết Nguyên đán (ngày cuối năm cũ)"),  // Mon, 29 tháng Chạp
            ("2026-02-17", .statutory, "Tết Nguyên đán (mùng 1)"),
            ("2026-02-18", .statutory, "Tết Nguyên đán (mùng 2)"),
            ("2026-02-19", .statutory, "Tết Nguyên đán (mùng 3)"),
            ("2026-02-20", .statutory, "Tết Nguyên đán (mùng 4)"),  // Fri
            ("2026-04-26", .statutory, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),  // Sun
            ("2026-04-27", .compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"),  // Mon
            ("2026-04-30", .statutory, "Ngày Chiến thắng (30/4)"),  // Thu
            ("2026-05-01", .statutory, "Ngày Quốc tế Lao động"),  // Fri
            ("2026-08-31", .decided, "Nghỉ hoán đổi dịp Quốc khánh 2026, làm bù thứ Bảy 22/8/2026"),  // Mon
            ("2026-09-01", .statutory, "Quốc khánh (ngày liền kề)"),  // Tue
            ("2026-09-02", .statutory, "Quốc khánh"),  // Wed
            ("2026-11-24", .decided, "Ngày Văn hóa Việt Nam, nghỉ hưởng nguyên lương"),  // Tue
        ]

        @Test(arguments: [(2024, expected2024), (2025, expected2025), (2026, expected2026)])
        func daysOffOfTheYear(year: Int, expected: [Entry]) throws {
            let actual = WorkingCalendar(overrides: CalendarOverride.knownDecisions).holidays(in: year)
            #expect(actual.map(\.date.description) == expected.map(\.date))
            #expect(actual.map(\.kind) == expected.map(\.kind))
            #expect(actual.map(\.vietnameseName) == expected.map(\.name))
        }

        /// Worked Saturdays, and computed days off that a decision made ordinary working days.
        @Test(arguments: [(2024, ["2024-02-15", "2024-05-04"]), (2025, ["2025-02-03", "2025-04-26"]), (2026, ["2026-01-10", "2026-08-22"])])
        func decidedWorkingDaysOfTheYear(year: Int, expected: [String]) {
            let days = WorkingCalendar(overrides: CalendarOverride.knownDecisions).makeUpWorkingDays(in: year)
            #expect(days.map(\.date.description) == expected)
            #expect(days.allSatisfy { $0.kind == .workingDay })
        }

        @Test func everyDayOffOfTheYearIsNotWorkedAndMakeUpDaysAre() {
            let calendar = WorkingCalendar(overrides: CalendarOverride.knownDecisions)
            for year in 2024...2026 {
                #expect(calendar.holidays(in: year).allSatisfy { !calendar.isWorkingDay($0.date) })
                #expect(calendar.makeUpWorkingDays(in: year).allSatisfy { calendar.isWorkingDay($0.date) })
            }
        }

        @Test func namesAndSourcesAreBilingualAndCited() throws {
            let holidays = PublicHolidays.computed(for: 2026)
            let hung = try #require(holidays.first { $0.date == CalendarDate(year: 2026, month: 4, day: 26) })
            #expect(hung.englishName == "Hùng Kings' Commemoration Day")
            #expect(hung.source == "Bộ luật Lao động 2019, Điều 112")
            let compensation = try #require(holidays.first { $0.kind == .compensatory })
            #expect(compensation.englishName == "Compensatory day off for Hùng Kings' Commemoration Day")
            #expect(compensation.source == "Bộ luật Lao động 2019, Điều 111 khoản 3")
            #expect(holidays.first?.englishName == "New Year's Day")
        }

        /// Weekend holidays in other years; each list is the computed compensatory days of the year.
        @Test(arguments: [
            // 1/1 Sat; Hùng Kings 10/4 Sun; 30/4 Sat and 1/5 Sun: two days after the block.
            (2022, ["2022-01-03", "2022-04-11", "2022-05-02", "2022-05-03"]),
            // 1/1 Sun; Tết 21/1 (Sat, last day) and 22/1 (Sun); Hùng Kings 29/4 Sat, 30/4 Sun, 1/5 Mon; 2/9 Sat.
            (2023, ["2023-01-02", "2023-01-26", "2023-01-27", "2023-05-02", "2023-05-03", "2023-09-04"]),
            // 2/9 Sun with its adjacent 1/9 Sat; the last day before Tết (12/2) is a Mon.
            (2029, ["2029-09-03", "2029-09-04"]),
        ])
        func weekendHolidaysAreCompensatedAfterTheirBlock(year: Int, expected: [String]) {
            let compensatory = PublicHolidays.computed(for: year).filter { $0.kind == .compensatory }
            #expect(compensatory.map(\.date.description) == expected)
            #expect(compensatory.allSatisfy { !$0.date.weekday.isWeekend })
        }

        @Test func nationalDayTakesTheThirdWhenTheSecondIsAMonday() {
            let adjacent = { (year: Int) in
                PublicHolidays.computed(for: year).first { $0.englishName == "National Day (adjacent day)" }?.date.description
            }
            #expect(adjacent(2024) == "2024-09-03")  // Monday
            #expect(adjacent(2025) == "2025-09-01")  // Tuesday
            #expect(adjacent(2029) == "2029-09-01")  // Sunday: the adjacent day is a Saturday, compensated
        }

        /// Hùng Kings' day falls between 29 March and 29 April in these years, so no two holidays share a date:
        /// ten statutory days under the Labour Code 2012 (to 2020), eleven under the 2019 one.
        @Test func everyYearFrom1990To2100HasItsDistinctHolidaysInsideTheYear() {
            for year in 1990...2100 {
                let holidays = PublicHolidays.computed(for: year)
                let statutory = holidays.filter { $0.kind == .statutory }
                #expect(Set(statutory.map(\.date)).count == (year <= 2020 ? 10 : 11), "\(year)")
                #expect(holidays.allSatisfy { $0.date.year == year }, "\(year)")
                #expect(holidays.filter { $0.kind == .compensatory }.count == statutory.filter { $0.date.weekday.isWeekend }.count, "\(year)")
                #expect(Set(holidays.filter { $0.kind == .compensatory }.map(\.date)).count == holidays.filter { $0.kind == .compensatory }.count)
            }
        }
    }
}
