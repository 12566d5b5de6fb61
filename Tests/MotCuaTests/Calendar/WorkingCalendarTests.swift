import CivilTime
import Testing

@testable import MotCua

extension CalendarTests {
    @Suite struct Working {
        let calendar = WorkingCalendar(overrides: CalendarOverride.knownDecisions)

        @Test(arguments: [
            ("2025-04-25", true),  // Fri
            ("2025-04-26", true),  // Sat, make-up working day
            ("2025-04-27", false),  // Sun
            ("2025-04-30", false),  // holiday
            ("2025-05-02", false),  // Fri, swapped day off
            ("2025-05-03", false),  // Sat
            ("2025-02-03", true),  // Mon, computed compensatory day, worked by decision
            ("2026-08-22", true),  // Sat, make-up working day
            ("2026-08-31", false),  // Mon, swapped day off
            ("2026-02-23", true),  // Mon after Tết
            ("2024-02-15", true),  // Thu, computed compensatory day, worked by decision
            ("2024-02-08", false),  // Thu, the decided first day of Tết
            ("2024-02-16", true),  // Fri
        ])
        func isWorkingDay(iso: String, working: Bool) throws {
            #expect(calendar.isWorkingDay(try CalendarTests.date(iso)) == working)
        }

        @Test func nextWorkingDaySkipsHolidaysAndWeekends() throws {
            #expect(calendar.nextWorkingDay(after: try CalendarTests.date("2025-04-29")) == (try CalendarTests.date("2025-05-05")))
            #expect(calendar.nextWorkingDay(after: try CalendarTests.date("2025-04-25")) == (try CalendarTests.date("2025-04-26")))
            #expect(calendar.nextWorkingDay(after: try CalendarTests.date("2026-02-13")) == (try CalendarTests.date("2026-02-23")))
            #expect(calendar.nextWorkingDay(after: try CalendarTests.date("2025-12-31")) == (try CalendarTests.date("2026-01-05")))  // 2/1 swapped
        }

        @Test func addingWorkingDaysCountsForwardBackwardAndZero() throws {
            let friday = try CalendarTests.date("2025-04-25")
            #expect(calendar.addingWorkingDays(3, to: friday) == (try CalendarTests.date("2025-04-29")))
            #expect(calendar.addingWorkingDays(4, to: friday) == (try CalendarTests.date("2025-05-05")))
            #expect(calendar.addingWorkingDays(0, to: friday) == friday)
            #expect(calendar.addingWorkingDays(-1, to: try CalendarTests.date("2025-05-05")) == (try CalendarTests.date("2025-04-29")))
            #expect(calendar.addingWorkingDays(-3, to: try CalendarTests.date("2025-04-29")) == friday)
            // From a day off: the first working day after it is day 1.
            #expect(calendar.addingWorkingDays(1, to: try CalendarTests.date("2025-05-01")) == (try CalendarTests.date("2025-05-05")))
        }

        @Test func withoutDecisionsTheComputedDefaultApplies() throws {
            let plain = WorkingCalendar(overrides: [])
            #expect(plain.isWorkingDay(try CalendarTests.date("2025-05-02")))
            #expect(!plain.isWorkingDay(try CalendarTests.date("2025-04-26")))
            #expect(plain.makeUpWorkingDays(in: 2025).isEmpty)
        }

        /// The 2025 Tết as actually decided (off Mon 27/1, Mon 3/2 worked) entered as overrides.
        @Test func overridesWinOverComputedDays() throws {
            let decided = WorkingCalendar(overrides: [
                CalendarOverride(date: try CalendarTests.date("2025-01-27"), kind: .dayOff, reason: "Tết (28 tháng Chạp)", document: "TB test"),
                CalendarOverride(date: try CalendarTests.date("2025-02-03"), kind: .workingDay, reason: "Không nghỉ bù", document: "TB test"),
                CalendarOverride(date: try CalendarTests.date("2025-02-01"), kind: .workingDay, reason: "draft", document: "TB draft"),
                CalendarOverride(date: try CalendarTests.date("2025-02-01"), kind: .dayOff, reason: "Tết (mùng 4)", document: "TB test"),
            ])
            #expect(!decided.isWorkingDay(try CalendarTests.date("2025-01-27")))
            #expect(decided.isWorkingDay(try CalendarTests.date("2025-02-03")))
            #expect(!decided.isWorkingDay(try CalendarTests.date("2025-02-01")))  // the later decision wins
            let holidays = decided.holidays(in: 2025)
            #expect(holidays.map(\.date).contains(try CalendarTests.date("2025-01-27")))
            #expect(!holidays.map(\.date).contains(try CalendarTests.date("2025-02-03")))
            let replaced = try #require(holidays.first { $0.date == CalendarDate(year: 2025, month: 2, day: 1) })
            #expect(replaced.kind == .decided && replaced.vietnameseName == "Tết (mùng 4)" && replaced.source == "TB test")
            #expect(decided.makeUpWorkingDays(in: 2025).map(\.date.description) == ["2025-02-03"])
            #expect(decided.holidays(in: 2026) == WorkingCalendar(overrides: []).holidays(in: 2026))
        }

        @Test func everyYearFrom1990To2100HasAboutTwoHundredFiftyWorkingDays() throws {
            for year in 1990...2100 {
                let first = try CalendarTests.date("\(year)-01-01")
                let days = (0..<366).map { first.adding(days: $0) }.filter { $0.year == year }
                let working = days.filter(calendar.isWorkingDay).count
                let weekdays = days.filter { !$0.weekday.isWeekend }.count
                let weekdaysOff = calendar.holidays(in: year).filter { !$0.date.weekday.isWeekend }.count
                #expect(working == weekdays - weekdaysOff + calendar.makeUpWorkingDays(in: year).filter(\.date.weekday.isWeekend).count, "\(year)")
                #expect((245...252).contains(working), "\(year): \(working)")
            }
        }

        @Test func sharedAcrossConcurrentTasks() async {
            let calendar = WorkingCalendar(overrides: CalendarOverride.knownDecisions)
            let counts = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { (2020...2030).reduce(0) { $0 + calendar.holidays(in: $1).count } } }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(Set(counts).count == 1)
        }

        @Test func yearDescriptionListsEveryDayOffAndMakeUpDay() {
            let text = calendar.description(ofYear: 2025)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first == "Lịch làm việc năm 2025 / Working calendar 2025")
            #expect(lines.contains("Ngày nghỉ / Days off (13):"))
            #expect(lines.contains("  2025-01-29 T4 Wed  Tết Nguyên đán (mùng 1) / Lunar New Year (day 1)  [Bộ luật Lao động 2019, Điều 112]"))
            #expect(
                lines.contains(
                    "  2025-01-27 T2 Mon  Tết Ất Tỵ: nghỉ 5 ngày từ 28 tháng Chạp (27/1) đến mùng 3 (31/1/2025) / Day off by official decision  [Thông báo 6150/TB-BLĐTBXH năm 2024 (Văn bản 8726/VPCP-KGVX ngày 26/11/2024)]"
                ))
            #expect(
                lines.contains(
                    "  2025-05-02 T6 Fri  Nghỉ hoán đổi dịp 30/4–1/5/2025, làm bù thứ Bảy 26/4/2025 / Day off by official decision  [Thông báo 6150/TB-BLĐTBXH năm 2024]"
                ))
            #expect(lines.contains("Ngày làm việc theo quyết định / Working days by decision (2):"))
            #expect(lines.last == "  2025-04-26 T7 Sat  Làm bù cho ngày nghỉ thứ Sáu 2/5/2025  [Thông báo 6150/TB-BLĐTBXH năm 2024]")
            #expect(lines.count == 2 + 13 + 1 + 2)
            #expect(WorkingCalendar(overrides: []).description(ofYear: 2024).hasSuffix("Ngày làm việc theo quyết định / Working days by decision (0):\n  —"))
        }

        @Test func weekdaysAndDayArithmetic() throws {
            #expect(try CalendarTests.date("2000-01-01").weekday == .saturday)
            #expect(try CalendarTests.date("2025-04-25").weekday == .friday)
            #expect(try CalendarTests.date("1999-12-31").weekday == .friday)
            #expect(try CalendarTests.date("2026-02-17").weekday == .tuesday)
            #expect(Weekday.allCases.map(\.vietnameseAbbreviation) == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"])
            #expect(Weekday.allCases.filter(\.isWeekend) == [.saturday, .sunday])
            #expect(try CalendarTests.date("2024-02-28").adding(days: 2) == (try CalendarTests.date("2024-03-01")))
            #expect(try CalendarTests.date("2025-01-01").adding(days: -1) == (try CalendarTests.date("2024-12-31")))
        }
    }
}
