import CivilTime
import Foundation
import Testing

@testable import MotCua

extension CalendarTests {
    /// Deadlines of dossiers since the center opened, as they came out on the calendar of their
    /// year: the Labour Code in force (2012 to 2020: National Day is one day; 2019 from 2021: two)
    /// and the official decisions the database ships. Day of receipt not counted, paper dossiers
    /// received before the 15:00 cut-off.
    @Suite struct HistoricalDeadlines {
        @Test(arguments: [
            // Tết Đinh Dậu, off 26/1–1/2/2017 (Công văn 9794/VPCP-KGVX): 2/2 is worked, not a compensatory day.
            ("2017-01-25", "10:00", 5, "2017-02-08"),
            // Tết Mậu Tuất, off 14/2–20/2/2018 (Thông báo 5427/TB-LĐTBXH): due on Friday 23/2, not Monday 26/2.
            ("2018-02-13", "09:00", 3, "2018-02-23"),
            // The swap of 31/12/2018, paid back on Saturday 5/1/2019, which counts as a working day.
            ("2018-12-28", "09:00", 3, "2019-01-04"),
            ("2019-01-03", "09:00", 2, "2019-01-05"),
            // National Day 2020 under the Labour Code 2012: one day, so Tuesday 1/9 is worked.
            ("2020-08-31", "09:00", 3, "2020-09-04"),
            // National Day 2021 under the Labour Code 2019: 2/9 and the decided 3/9 off, 1/9 worked.
            ("2021-08-31", "09:00", 3, "2021-09-07"),
            // Tết Giáp Thìn, off 8/2–14/2/2024 (Thông báo 5015/TB-LĐTBXH): 15/2 is worked.
            ("2024-02-07", "09:00", 2, "2024-02-16"),
            // Tết Ất Tỵ, off 27/1–31/1/2025: Monday 3/2 is worked.
            ("2025-01-24", "09:00", 1, "2025-02-03"),
            // National Day 2026: the swapped Monday 31/8 and 1/9–2/9 off, Saturday 22/8 worked.
            ("2026-08-21", "09:00", 3, "2026-08-25"),
            ("2026-08-28", "09:00", 1, "2026-09-03"),
        ])
        func deadlinesCrossingTetAndNationalDayComeOutAsTheyDid(received: String, time: String, days: Int, due: String) throws {
            let deadline = try Deadlines.deadline(days, .workingDays, received: received, at: time)
            #expect(deadline.dueDate == (try CalendarTests.date(due)), "received \(received), \(days) working days")
        }

        @Test func theLabourCodeInForceDecidesNationalDay() {
            #expect(PublicHolidays.LabourCode.inForce(in: 2020) == .of2012 && PublicHolidays.LabourCode.inForce(in: 2021) == .of2019)
            let nationalDays = { (year: Int) in PublicHolidays.computed(for: year).filter { $0.date.month == 9 }.map(\.date.description) }
            #expect(nationalDays(2020) == ["2020-09-02"])
            #expect(nationalDays(2019) == ["2019-09-02"])
            #expect(nationalDays(2018) == ["2018-09-02", "2018-09-03"])  // Sunday, given back on Monday (art. 115(3))
            #expect(nationalDays(2021) == ["2021-09-01", "2021-09-02"])  // the default; the 2021 decision moved it to the 3rd
            #expect(PublicHolidays.computed(for: 2020).allSatisfy { $0.source.hasPrefix("Bộ luật Lao động 2012") })
        }

        /// Every year since the center opened has its decisions: each cites a document, and each
        /// worked day it decides is a Saturday or a day the Labour Code alone would have given off.
        @Test func theShippedDecisionsCoverEveryYearSinceTheCenterOpened() {
            let decisions = CalendarOverride.knownDecisions
            #expect(Set(decisions.map(\.date.year)) == Set([2017, 2018, 2019, 2020, 2021, 2023, 2024, 2025, 2026]))  // 2022 needed none
            #expect(decisions.allSatisfy { !$0.document.isEmpty && !$0.reason.isEmpty })
            for worked in decisions where worked.kind == .workingDay {
                let computedOff = PublicHolidays.computed(for: worked.date.year).contains { $0.date == worked.date }
                #expect(worked.date.weekday == .saturday || computedOff, "\(worked.date)")
            }
        }
    }
}
