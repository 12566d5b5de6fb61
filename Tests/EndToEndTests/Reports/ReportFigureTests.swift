import Foundation
import MotCua
import TestSupport
import Testing

/// Every figure of every report command on the known history of ``ReportHistory``, against
/// expectations computed by hand below (dates dd/mm, working days with the day of arrival not
/// counted, Tuesday 24/11 off).
@Suite(.database)
struct ReportFigureTests {
    let database = TestDatabase.database.conninfo

    /// `motcua report …args --format json`, parsed.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let result = try await MotcuaCLI.run(["report"] + arguments + ["--format", "json"], database: database)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    /// `figures` has exactly the `expected` values (absent: a figure with no value, such as a
    /// rate over nothing); rates to 1e-9.
    func expectFigures(_ figures: Any?, _ expected: [String: Double?], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let figures = figures as? [String: Any] else {
            Issue.record("\(what): no figures in \(String(describing: figures))", sourceLocation: sourceLocation)
            return
        }
        for (key, value) in expected {
            let found = (figures[key] as? NSNumber)?.doubleValue
            switch (found, value) {
            case (nil, nil): break
            case (let f?, let v?) where abs(f - v) <= 1e-9: break
            default:
                Issue.record(
                    "\(what) \(key): expected \(value.map { "\($0)" } ?? "none"), the report says \(found.map { "\($0)" } ?? "none")",
                    sourceLocation: sourceLocation)
            }
        }
        let unchecked = Set(figures.keys).subtracting(expected.keys)
        #expect(unchecked.isEmpty, "\(what): figures without an expectation: \(unchecked.sorted())", sourceLocation: sourceLocation)
    }

    /// The figures of a period with nothing: the base every expectation starts from.
    static let none: [String: Double?] = [
        "carried_over": 0, "new_desk": 0, "new_online": 0, "new_post": 0, "new_received": 0, "received": 0, "resolved_early": 0,
        "resolved_on_time": 0, "resolved_late": 0, "resolved_late_apologised": 0, "resolved_late_past_promise": 0, "resolved": 0, "refused": 0, "withdrawn": 0,
        "stopped": 0, "pending": 0, "pending_not_due": 0,
        "pending_overdue": 0, "supplement_requests": 0, "apologies": 0, "refused_at_desk": 0, "returned_incomplete": 0,
        "average_processing_days": nil, "p90_processing_days": nil, "average_limit_days": nil, "on_time_rate": nil, "online_submission_share": nil,
        "payments": 0, "online_payments": 0, "online_payment_share": nil, "results": 0, "electronic_results": 0, "electronic_result_share": nil,
        "evaluations": 0, "negative_evaluations": 0, "overdue_rate": nil, "satisfaction": nil,
    ]

    static func figures(_ changes: [String: Double?]) -> [String: Double?] { none.merging(changes) { $1 } }

    /// Week 47 (16–22/11). Received: A, B, G, J (16), C, H (17), L (18), D (20), all at the desk;
    /// K refused at the desk (18). Resolved: A on 17 before its due day 19 (early), B on 19 (on
    /// time), H on 20 before its due date but after two supplement requests (late by the national
    /// rule), J on 20 after its due day 19 (late). L withdrawn on 19. Open at the end of Sunday
    /// 22: C (due 20: overdue), D (due 26), G (waiting for the supplement asked on 17, before its
    /// due time: judged at the request, not overdue). Supplement requests: G, H, H. Processing (working
    /// days, pauses deducted): A 1, B 3, H 3 − 2 paused = 1, J 4: average 2.25, p90 4 (the 4th of
    /// 4). A returned at the desk, satisfied. Overdue rate (2 late + 1 overdue) ÷ (4 + 3) = 3/7;
    /// satisfaction 1 − (3/7 + 0/1) = 4/7.
    static let week47 = figures([
        "new_desk": 8, "new_received": 8, "received": 8, "resolved_early": 1, "resolved_on_time": 1, "resolved_late": 2, "resolved": 4,
        "withdrawn": 1, "pending": 3, "pending_not_due": 2, "pending_overdue": 1, "supplement_requests": 3, "refused_at_desk": 1,
        "average_processing_days": 2.25, "p90_processing_days": 4, "average_limit_days": 3, "on_time_rate": 0.5, "online_submission_share": 0,
        "results": 1, "electronic_result_share": 0, "evaluations": 1, "overdue_rate": 3.0 / 7, "satisfaction": 4.0 / 7,
    ])

    /// Week 48 (23–29/11, with the day off on 24). Carried over: C, D, G. Received: E, M (online) on
    /// 23, I, N on 25, F on 26. Resolved: C on 23 (late), D on 25 (due 26: early), G on 25 (due
    /// moved to 26 by its pause: early), M on 27 (its due day: on time). Open at the end of
    /// Sunday 29: E (due 27/11: overdue; its apology slip promised 2/12 and leaves it late), F
    /// (1/12), I (waiting, asked before its due day), N (30/11). I's supplement request; E's
    /// apology. Processing: C 4, D 2 (23, 25), G 6 − 4 paused = 2, M 3: average 2.75, p90 4. M
    /// paid online on 25. Results: C by post, M electronic with a complaint. Overdue rate
    /// (1 + 1) ÷ 8; satisfaction 1 − (1/4 + 1/1) < 0, so 0.
    static let week48 = figures([
        "carried_over": 3, "new_desk": 4, "new_online": 1, "new_received": 5, "received": 8, "resolved_early": 2, "resolved_on_time": 1,
        "resolved_late": 1, "resolved": 4, "pending": 4, "pending_not_due": 3, "pending_overdue": 1, "supplement_requests": 1, "apologies": 1,
        "average_processing_days": 2.75, "p90_processing_days": 4, "average_limit_days": 3, "on_time_rate": 0.75, "online_submission_share": 0.2,
        "payments": 1, "online_payments": 1, "online_payment_share": 1, "results": 2, "electronic_results": 1, "electronic_result_share": 0.5,
        "evaluations": 1, "negative_evaluations": 1, "overdue_rate": 0.25, "satisfaction": 0,
    ])

    /// November: the two weeks, and nothing before them. Open at the end of Monday 30: E (due
    /// 27/11) and N (due 30/11) overdue, F and I not. Processing of the 8 resolved: 1, 3, 1, 4, 4,
    /// 2, 2, 3: average 2.5, p90 the 8th: 4. Overdue rate (3 + 2) ÷ (8 + 4) = 5/12; satisfaction
    /// 1 − (5/12 + 1/2) = 1/12.
    static let november = figures([
        "new_desk": 12, "new_online": 1, "new_received": 13, "received": 13, "resolved_early": 3, "resolved_on_time": 2, "resolved_late": 3,
        "resolved": 8, "withdrawn": 1, "pending": 4, "pending_not_due": 2, "pending_overdue": 2, "supplement_requests": 4, "apologies": 1,
        "refused_at_desk": 1, "average_processing_days": 2.5, "p90_processing_days": 4, "average_limit_days": 3, "on_time_rate": 0.625,
        "online_submission_share": 1.0 / 13, "payments": 1, "online_payments": 1, "online_payment_share": 1, "results": 3, "electronic_results": 1,
        "electronic_result_share": 1.0 / 3, "evaluations": 2, "negative_evaluations": 1, "overdue_rate": 5.0 / 12, "satisfaction": 1.0 / 12,
    ])

    /// December, in progress, read Thursday 3/12 10:00: carried over E, F, I, N; P received on 1.
    /// Pending now: E (due 27/11, promised 2/12), F (1/12), N (30/11) overdue; I (waiting) and P (4/12) not.
    static let december = figures([
        "carried_over": 4, "new_desk": 1, "new_received": 1, "received": 5, "pending": 5, "pending_not_due": 2, "pending_overdue": 3,
        "online_submission_share": 0, "overdue_rate": 0.6,
    ])

    @Test func everyFigureOfEveryReportMatchesTheHandComputedHistory() async throws {
        var history = ReportHistory(database: database)
        try await history.build()

        // The dashboard's headline, per period, with its department lines (lowest on-time rate first).
        let w47 = try await json(["dashboard", "--period", "2026-W47"])
        let w47Report = w47["report"] as? [String: Any]
        expectFigures((w47Report?["total"] as? [String: Any])?["figures"], Self.week47, "W47 province total")
        let departments = (w47["departments"] as? [[String: Any]]) ?? []
        #expect(departments.map { $0["department"] as? String } == ["STP", "STC"], "STP (0 % on time) before STC (2/3): \(departments)")
        // STP: only J, resolved late on 20 after 4 working days.
        expectFigures(
            departments.first?["figures"],
            Self.figures([
                "new_desk": 1, "new_received": 1, "received": 1, "resolved_late": 1, "resolved": 1, "average_processing_days": 4, "p90_processing_days": 4,
                "average_limit_days": 3, "on_time_rate": 0, "online_submission_share": 0, "overdue_rate": 1,
            ]), "W47 STP")
        // STC: the other seven received; A early, B on time, H late; C, D, G open, C overdue; processing 1, 3, 1.
        expectFigures(
            departments.last?["figures"],
            Self.figures([
                "new_desk": 7, "new_received": 7, "received": 7, "resolved_early": 1, "resolved_on_time": 1, "resolved_late": 1, "resolved": 3,
                "withdrawn": 1, "pending": 3, "pending_not_due": 2, "pending_overdue": 1, "supplement_requests": 3, "refused_at_desk": 1,
                "average_processing_days": 5.0 / 3, "p90_processing_days": 3, "average_limit_days": 3, "on_time_rate": 2.0 / 3,
                "online_submission_share": 0, "results": 1, "electronic_result_share": 0, "evaluations": 1, "overdue_rate": 2.0 / 6, "satisfaction": 4.0 / 6,
            ]), "W47 STC")
        expectFigures(
            ((try await json(["dashboard", "--period", "2026-W48"]))["report"] as? [String: Any]).flatMap { $0["total"] as? [String: Any] }?["figures"],
            Self.week48, "W48")
        expectFigures(
            ((try await json(["dashboard", "--period", "2026-11"]))["report"] as? [String: Any]).flatMap { $0["total"] as? [String: Any] }?["figures"],
            Self.november, "November")
        let range = try await json(["dashboard", "--period", "2026-11-16..2026-11-30"])
        expectFigures(
            (range["report"] as? [String: Any]).flatMap { $0["total"] as? [String: Any] }?["figures"], Self.november, "16–30/11 (all of November's dossiers)"
        )
        let december = try await json(["dashboard"])
        #expect(
            (december["report"] as? [String: Any]).flatMap { $0["period"] as? [String: Any] }?["label"] as? String == "2026-12",
            "the default period is the current month")
        expectFigures((december["report"] as? [String: Any]).flatMap { $0["total"] as? [String: Any] }?["figures"], Self.december, "December so far")

        // The supervision list: E (due 27/11, 4 working days late on 3/12, still listed with the
        // 2/12 its apology slip promised), N (30/11, 3), F (1/12, 2); overdue from the day after.
        let overdue = try await json(["overdue"])
        let lines = (overdue["lines"] as? [[String: Any]]) ?? []
        #expect(overdue["total"] as? Int == 3)
        #expect(lines.map { $0["dossier_code"] as? String } == ["E", "N", "F"].map(history.code), "\(lines)")
        #expect(lines.map { $0["working_days_late"] as? Int } == [4, 3, 2])
        #expect(lines.map { $0["overdue_since"] as? String } == ["2026-11-28", "2026-12-01", "2026-12-02"])
        #expect(lines.map { $0["promised_date"] as? String } == ["2026-12-02", nil, nil], "\(lines)")
        #expect(lines.allSatisfy { ($0["holder"] as? String)?.hasPrefix("STC — stc.cb0") == true }, "\(lines)")
        // At risk: only P, due 4/12 with 1 working day left, while STC's review steps of the last 90 days
        // took 1, 3, 3, 4, 2, 6, 3 working days (A, B, H, C, D, G, M): p75 is the 6th of 7, 4.
        let atRisk = try await json(["at-risk"])
        let risky = (atRisk["lines"] as? [[String: Any]]) ?? []
        #expect(risky.map { $0["dossier_code"] as? String } == [history.code("P")], "\(risky)")
        #expect(risky.first?["working_days_left"] as? Int == 1 && risky.first?["usual_step_days"] as? Int == 4, "\(risky)")

        // Allowances: in DN.LT.001 CAT took 4 working days (16 → 20) over its 1 and made J late; STP 0, BHXH 0.
        let lienThong = try await json(["procedure", "DN.LT.001", "--period", "2026-11"])
        let allowances = (lienThong["allowances"] as? [[String: Any]]) ?? []
        #expect(allowances.map { $0["department"] as? String } == ["BHXH", "CAT", "STP"], "\(allowances)")
        #expect(allowances.map { $0["over_allowance"] as? Int } == [0, 1, 0] && allowances.map { $0["made_late"] as? Int } == [0, 1, 0], "\(allowances)")
        #expect(allowances.map { ($0["average_days_used"] as? NSNumber)?.doubleValue } == [0, 4, 0], "\(allowances)")
        expectFigures(
            (lienThong["procedures"] as? [[String: Any]])?.first?["figures"],
            Self.figures([
                "new_desk": 1, "new_received": 1, "received": 1, "resolved_late": 1, "resolved": 1, "average_processing_days": 4, "p90_processing_days": 4,
                "average_limit_days": 3, "on_time_rate": 0, "online_submission_share": 0, "overdue_rate": 1,
            ]), "DN.LT.001 in November: J only")
        // November with days before it: the month from the month tables, the days from the day tables; the same figures.
        let widened = try await json(["procedure", "DN.LT.001", "--period", "2026-10-26..2026-11-30"])
        #expect((widened["allowances"] as? NSArray) == (lienThong["allowances"] as? NSArray), "\(widened)")
        #expect(
            ((widened["procedures"] as? [[String: Any]])?.first?["figures"] as? NSDictionary)
                == ((lienThong["procedures"] as? [[String: Any]])?.first?["figures"] as? NSDictionary), "\(widened)")
        // STC in week 48: C 4, D 2, G 6, M 3 working days against 2; three over, and C was late.
        let stc = try await json(["department", "STC", "--period", "2026-W48"])
        let stcSteps = (stc["allowances"] as? [[String: Any]]) ?? []
        #expect(stcSteps.count == 1 && stcSteps.first?["steps"] as? Int == 4 && stcSteps.first?["over_allowance"] as? Int == 3, "\(stcSteps)")
        #expect(stcSteps.first?["made_late"] as? Int == 1 && (stcSteps.first?["average_days_used"] as? NSNumber)?.doubleValue == 3.75, "\(stcSteps)")
        expectFigures((stc["departments"] as? [[String: Any]])?.first?["figures"], Self.week48, "STC in W48 (every dossier of the week is STC's)")

        // THUE owns no procedure: its report says so, names itself (not "Toàn tỉnh"), and shows
        // its liên thông steps: the tax codes of A, B, C, D, G, H and M, automatic, done on arrival.
        let thue = try await json(["department", "THUE", "--period", "2026-11"])
        let thueTotal = thue["total"] as? [String: Any]
        #expect(thueTotal?["department"] as? String == "THUE" && (thueTotal?["name"] as? String)?.contains("Thuế") == true, "\(thue)")
        expectFigures(thueTotal?["figures"], Self.none, "THUE's own dossiers: none")
        #expect((thue["departments"] as? [Any])?.isEmpty == true && (thue["holding"] as? [Any])?.isEmpty == true, "\(thue)")
        let thueSteps = (thue["allowances"] as? [[String: Any]]) ?? []
        #expect(thueSteps.count == 1 && thueSteps.first?["steps"] as? Int == 7 && thueSteps.first?["made_late"] as? Int == 0, "\(thueSteps)")
        let thueText = try await MotcuaCLI.run(["report", "department", "THUE", "--period", "2026-11"], database: database)
        #expect(
            thueText.stdout.contains("Đơn vị không chủ trì hồ sơ nào trong kỳ") && !thueText.stdout.contains("Toàn tỉnh")
                && thueText.stdout.contains("Bước đang giữ lúc đọc báo cáo"), "\(thueText)")
        // STC holds E, F, I, N and P now, E, F and N overdue.
        let holding = ((try await json(["department", "STC"]))["holding"] as? [[String: Any]]) ?? []
        #expect(
            holding.map { [$0["department"] as? String, ($0["held"] as? Int).map(String.init), ($0["overdue"] as? Int).map(String.init)] } == [
                ["STC", "5", "3"]
            ])

        // Officers: STC's hold E, F, I, N, P (E, F, N overdue) and approved 7 steps in November; stp.cb01 approved J's.
        let officers = ((try await json(["officers", "--period", "2026-11"]))["officers"] as? [[String: Any]]) ?? []
        func sum(_ department: String, _ key: String) -> Int {
            officers.filter { $0["department"] as? String == department }.compactMap { $0[key] as? Int }.reduce(0, +)
        }
        #expect([sum("STC", "held"), sum("STC", "overdue"), sum("STC", "completed")] == [Int]([5, 3, 7]), "\(officers)")
        #expect(officers.first { $0["officer"] as? String == "stp.cb01" }?["completed"] as? Int == 1, "\(officers)")
        #expect(sum("CAT", "completed") == 1 && sum("THUE", "completed") == 0, "automatic steps are no officer's: \(officers)")

        // The demo's leadership summary (appointment rule) of STC's 14: K not received; A, B, D, G, H, M
        // on time (H's two pauses moved its date past the 20th); C late; L withdrawn; E, F, N overdue;
        // P pending, and so is I, whose supplement was asked before its due time: its date will move.
        let summary = try await withTestConnection { try await LeadershipSummary.read(on: $0) }
        let line = summary.departments.first { $0.department == "STC" }
        #expect(
            [line?.submitted, line?.notReceived, line?.resolvedOnTime, line?.resolvedLate, line?.ended, line?.pending, line?.overdue]
                == [14, 1, 6, 1, 1, 2, 3], "\(summary)")
        #expect(summary.mostOverdue.map(\.dossierCode) == ["E", "N", "F"].map(history.code), "\(summary.mostOverdue)")

        // The weekly trend of the two weeks.
        let trend = ((try await json(["trend", "--by", "week", "--period", "2026-11-16..2026-11-29"]))["buckets"] as? [[String: Any]]) ?? []
        #expect(trend.map { $0["from"] as? String } == ["2026-11-16", "2026-11-23"])
        #expect(
            trend.map { $0["new_received"] as? Int } == [8, 5] && trend.map { $0["resolved"] as? Int } == [4, 4]
                && trend.map { $0["resolved_late"] as? Int } == [2, 1])
        #expect(trend.map { $0["open_at_end"] as? Int } == [3, 4] && trend.map { $0["overdue_at_end"] as? Int } == [1, 1], "\(trend)")
        #expect(trend.map { ($0["on_time_rate"] as? NSNumber)?.doubleValue } == [0.5, 0.75])
        #expect(trend.map { $0["partial"] as? Bool } == [false, false] && trend.map { $0["to"] as? String } == ["2026-11-22", "2026-11-29"])
        let cut = ((try await json(["trend", "--by", "week", "--period", "2026-11-16..2026-11-25"]))["buckets"] as? [[String: Any]]) ?? []
        #expect(cut.map { $0["partial"] as? Bool } == [false, true] && cut.last?["to"] as? String == "2026-11-25", "a week cut by the period: \(cut)")

        // Decision 766 for November: progress 20 × 0.625; online submission 12 × (1/13) ÷ 0.5; online payment
        // at target, 10; satisfaction 18 × (1/12) ÷ 0.9; electronic results 22 × 1/3; transparency not computed.
        let index = try await json(["index", "--period", "2026-11"])
        let earned = 12.5 + 12 * (1.0 / 13) / 0.5 + 10 + 18 * (1.0 / 12) / 0.9 + 22.0 / 3
        #expect(abs(((index["earned"] as? NSNumber)?.doubleValue ?? 0) - earned) < 1e-9, "\(index)")
        #expect((index["computed_points"] as? NSNumber)?.doubleValue == 82 && (index["total_points"] as? NSNumber)?.doubleValue == 100)
        let groups = (index["groups"] as? [[String: Any]]) ?? []
        #expect(groups.map { $0["code"] as? String } == ["transparency", "progress", "online_service", "online_payment", "satisfaction", "digitisation"])
        #expect(groups.first?.keys.contains("earned") == false, "transparency is not computed: \(groups.first ?? [:])")

        // The figures are proven against the event log, for each period.
        for period in ["2026-W47", "2026-W48", "2026-11", "2026-12"] {
            let verify = try await MotcuaCLI.run(["report", "verify", "--period", period], database: database)
            #expect(verify.status == 0 && verify.stdout.contains("agree"), "\(verify)")
        }
    }
}
