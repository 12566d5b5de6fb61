import Foundation
import Postgres
import TestSupport
import Testing

/// The report commands as an operator meets them: formats, anonymised exports, the reporting
/// role's reach, hostile input, the HTML file in a real browser, and --watch.
@Suite(.database)
struct ReportOperatorTests: OfficerDeskTest {
    let database = TestDatabase.database.conninfo

    func report(_ arguments: [String]) async throws -> CommandResult {
        try await MotcuaCLI.run(["report"] + arguments, database: database)
    }

    /// Two dossiers received at the desk on Monday 23/11/2026 09:00 (2.001610, due Friday 27/11)
    /// and one online, all still at STC; the business clock frozen on Wednesday 25/11 10:00.
    func smallHistory() async throws -> [String] {
        try await loadCatalog()
        _ = try await MotcuaCLI.run(["clock", "set", "2026-11-23T09:00:00+07:00", "--rate", "0"], database: database)
        var codes: [String] = []
        for channel in ["desk", "desk", "online"] {
            codes.append(try await MotcuaCLI.submit(procedure: "2.001610", channel: channel, database: database).dossierCode)
        }
        _ = try await MotcuaCLI.run(["clock", "set", "2026-11-25T10:00:00+07:00", "--rate", "0"], database: database)
        return codes
    }

    @Test func tablesAreVietnameseCsvIsPlainAndAnonymisedExportsHideSmallGroups() async throws {
        _ = try await smallHistory()
        let text = try await report(["dashboard", "--period", "2026-W48"])
        #expect(text.status == 0, "\(text)")
        for label in [
            "BẢNG ĐIỀU HÀNH", "kỳ 2026-W48 (23/11/2026 – 29/11/2026)", "Tiếp nhận: 3", "trực tiếp 2, trực tuyến 1", "Nộp trực tuyến 33,3 %", "Theo đơn vị",
        ] {
            #expect(text.stdout.contains(label), "\(label) in \(text.stdout)")
        }
        #expect(!text.stdout.contains("\u{1B}["), "no colour when the output is not a terminal")
        let csv = try await report(["dashboard", "--period", "2026-W48", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first?.prefix(4) == ["code", "name", "carried_over", "new"], "\(csv)")
        #expect(rows.count == 3 && rows[1][0] == "province" && rows[1][3] == "3" && rows[2][0] == "STC", "\(csv)")
        let masked = try await report(["dashboard", "--period", "2026-W48", "--format", "csv", "--anonymise"])
        #expect(masked.stdout.contains(",< 5,") && !masked.stdout.contains(",3,"), "3 dossiers are fewer than 5: \(masked)")
        let json = try await report(["dashboard", "--period", "2026-W48", "--format", "json", "--anonymise", "--threshold", "3"])
        #expect(json.stdout.contains("\"new_desk\" : \"< 3\"") && json.stdout.contains("\"new_received\" : 3"), "\(json)")
        #expect(!json.stdout.contains("\"online_submission_share\" : 0.33"), "a share over a masked count is not given: \(json)")
        let table = try await report(["overdue", "--format", "table"])
        #expect(table.status == 0 && table.stdout.contains("HỒ SƠ QUÁ HẠN") && table.stdout.contains("0 hồ sơ"), "\(table)")
    }

    @Test func theReportingRoleReadsNoPersonalData() async throws {
        _ = try await smallHistory()
        try await withTestConnection { db in
            _ = try await db.query("SELECT set_config('role', 'motcua_reporting', false)")
            _ = try await db.query("SELECT count(*) FROM report_day")
            for forbidden in [
                "SELECT full_name FROM applicant", "SELECT citizen_id FROM applicant", "SELECT * FROM dossier", "SELECT applicant_id FROM dossier",
                "SELECT display_name FROM officer",
            ] {
                do {
                    _ = try await db.query(forbidden)
                    Issue.record("the reporting role read \(forbidden)")
                } catch let error as PostgresError {
                    #expect(error.message.contains("permission denied"), "\(forbidden): \(error)")
                }
            }
        }
        for command in [
            ["dashboard"], ["overdue"], ["at-risk"], ["department", "STC"], ["procedure", "2.001610"], ["officers"], ["trend"], ["index"], ["verify"],
            ["summary"],
        ] {
            let result = try await report(command)
            #expect(result.status == 0, "every report reads as the reporting role: \(result)")
            #expect(!result.stdout.contains("Nguyễn Văn An") && !result.stdout.contains("075201012345"), "\(result)")
        }
    }

    /// A rollup that no longer matches the log (here tampered with by hand) is found and named.
    @Test func verifyFindsARollupThatDisagreesWithTheLogAndExitsNonZero() async throws {
        let codes = try await smallHistory()
        let before = try await report(["verify", "--period", "2026-W48"])
        #expect(before.status == 0, "\(before)")
        try await withTestConnection { db in
            _ = try await db.query("UPDATE report_day SET received_online = received_online + 1 WHERE day = DATE '2026-11-23'")
            _ = try await db.query("UPDATE report_month SET overdue_delta = overdue_delta + 1 WHERE month = DATE '2026-11-01' AND procedure_code = '2.001610'")
            // Of the three open dossiers: the first missing from report_open, the second ended in
            // the projection but still listed (the triggers off, as a stray hand edit would be),
            // the third listed with a supplement too many.
            _ = try await db.query("DELETE FROM report_open WHERE dossier_id = (SELECT min(dossier_id) FROM report_open)")
            _ = try await db.query("SET session_replication_role = replica")
            _ = try await db.query(
                """
                UPDATE report_dossier SET ended_at = received_at + interval '1 hour', end_kind = 'withdrawn'
                WHERE dossier_id = (SELECT min(dossier_id) FROM report_open)
                """)
            _ = try await db.query("RESET session_replication_role")
            _ = try await db.query("UPDATE report_open SET supplements = supplements + 1 WHERE dossier_id = (SELECT max(dossier_id) FROM report_open)")
            _ = try await db.query("INSERT INTO report_duration_month VALUES (DATE '2026-11-01', 'STC', '2.001610', 3, 1)")
            _ = try await db.query("INSERT INTO report_step_month VALUES (DATE '2026-11-01', 'STC', '2.001610', 3, 1, 0, 2)")
        }
        let after = try await report(["verify", "--period", "2026-W48"])
        #expect(after.status == 1, "\(after)")
        #expect(after.stdout.contains("report_day 2026-11-23 STC 2.001610 received_online: reports say 2, the event log says 1"), "\(after)")
        #expect(after.stdout.contains("figure 2026-W48 province  newOnline: reports say 2, the event log says 1"), "\(after)")
        #expect(after.stdout.contains("report_month 2026-11-01 STC 2.001610 (open, overdue): reports say"), "\(after)")
        #expect(
            after.stdout.contains(
                "trend by week from 2026-11-23 (new, resolved, late, open and overdue at the end): reports say [4, 0, 0, 3, 0], the event log says [3, 0, 0, 3, 0]"
            ), "\(after)")
        #expect(after.stdout.contains("report_open \(codes[0]): missing, the dossier is open"), "\(after)")
        #expect(after.stdout.contains("report_open \(codes[1]): listed, but the dossier is not open"), "\(after)")
        #expect(after.stdout.contains("report_open \(codes[2]): differs from the dossier's projection"), "\(after)")
        #expect(after.stdout.contains("report_duration_month 2026-11-01 STC 2.001610 3 days: reports say 1, the event log says 0"), "\(after)")
        #expect(
            after.stdout.contains(
                "report_step_month 2026-11-01 STC 2.001610 3 days (steps, over, allowance): reports say [1.0, 0.0, 2.0], the event log says [0.0, 0.0, 0.0]"),
            "\(after)")
    }

    /// The lists are proven whole: a calendar table out of step with the working calendar (as if
    /// Saturday 28/11 were worked) makes the overdue list count a day too many, and verify names
    /// each line. On Tuesday 01/12 the three dossiers due on Friday 27/11 are 2 working days late
    /// (30/11, 01/12).
    @Test func verifyComparesTheOverdueListLineByLine() async throws {
        let codes = try await smallHistory()
        _ = try await MotcuaCLI.run(["clock", "set", "2026-12-01T10:00:00+07:00", "--rate", "0"], database: database)
        let before = try await report(["verify"])
        #expect(before.status == 0 && before.stdout.contains("the overdue and at-risk lists)"), "\(before)")
        try await withTestConnection { db in
            _ = try await db.query("UPDATE working_day SET ordinal = ordinal + 1 WHERE day >= DATE '2026-11-28'")
        }
        let after = try await report(["verify"])
        #expect(after.status == 1, "\(after)")
        for (line, code) in codes.enumerated() {
            #expect(
                after.stdout.contains(
                    "overdue list line \(line + 1): reports say \(code) due 2026-11-27 promised none since 2026-11-28 late 3, the event log says \(code) due 2026-11-27 promised none since 2026-11-28 late 2"
                ), "\(after)")
        }
    }

    /// The trend's bucket in progress ends now, as the dashboard's period does: on Friday 27/11
    /// the three dossiers due that day are not overdue yet in either, in the morning nor after
    /// the closing (a dossier is overdue from the day after its appointment day); on Saturday
    /// 28/11 they are in both.
    @Test func theTrendsBucketInProgressCountsTheOverdueNowAsTheDashboardDoes() async throws {
        _ = try await smallHistory()
        func overdue(at instant: String) async throws -> (trend: Int?, dashboard: Int?) {
            _ = try await MotcuaCLI.run(["clock", "set", instant, "--rate", "0"], database: database)
            let trend = try JSONSerialization.jsonObject(with: Data(try await report(["trend", "--by", "week", "--format", "json"]).stdout.utf8))
            let dashboard = try JSONSerialization.jsonObject(with: Data(try await report(["dashboard", "--format", "json"]).stdout.utf8))
            let bucket = ((trend as? [String: Any])?["buckets"] as? [[String: Any]])?.last
            let figures = ((dashboard as? [String: Any])?["report"] as? [String: Any]).flatMap { $0["total"] as? [String: Any] }?["figures"]
            return (bucket?["overdue_at_end"] as? Int, (figures as? [String: Any])?["pending_overdue"] as? Int)
        }
        let morning = try await overdue(at: "2026-11-27T10:00:00+07:00")
        #expect(morning.trend == 0 && morning.dashboard == 0, "\(morning)")
        let evening = try await overdue(at: "2026-11-27T18:00:00+07:00")
        #expect(evening.trend == 0 && evening.dashboard == 0, "\(evening)")
        let saturday = try await overdue(at: "2026-11-28T09:00:00+07:00")
        #expect(saturday.trend == 3 && saturday.dashboard == 3, "\(saturday)")
    }

    @Test func hostileInputGetsAClearErrorAndANonZeroExit() async throws {
        try await loadCatalog()
        for (arguments, message) in [
            (["dashboard", "--period", "2026-13"], "names no month 01–12"),
            (["dashboard", "--period", "2026-W54"], "names no ISO week of 2026 (1–53)"),
            (["dashboard", "--period", "2026-Q5"], "names no quarter 1–4"),
            (["dashboard", "--period", "2026-12-31..2026-12-01"], "ends before it begins"),
            (["dashboard", "--period", "last week"], "give a quarter (2026-Q3)"),
            (["dashboard", "--department", "NOPE"], "NOPE is not a department; known:"),
            (["officers", "--department", "stc"], "stc is not a department; codes are case-sensitive: did you mean STC?"),
            (["dashboard", "--department", "BHX"], "BHX is not a department; did you mean BHXH?"),
            (["procedure", "9.999999"], "9.999999 is not a procedure of the catalog"),
            (["procedure", "dn.lt.001"], "dn.lt.001 is not a procedure of the catalog; codes are case-sensitive: did you mean DN.LT.001?"),
            (["overdue", "--watch", "--format", "json"], "--watch redraws the table"),
            (["dashboard", "--watch", "--html", "/tmp/x.html"], "--watch and --html do not go together"),
            (["dashboard", "--html", "/no/such/folder/dashboard.html"], "the folder /no/such/folder does not exist"),
            (["dashboard", "--html", NSTemporaryDirectory()], "is a folder; give the path of the HTML dashboard itself"),
            (["at-risk", "--limit", "0"], "--limit must be between 1 and 10000"),
            (["dashboard", "--anonymise", "--threshold", "1"], "--threshold must be between 2 and 1000"),
            (["trend", "--by", "day"], "day"),
            (["dashboard", "--format", "xml"], "Please provide one of 'text', 'table', 'json' or 'csv'"),
        ] {
            let result = try await report(arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result)")
            #expect(!result.stderr.contains("\u{1B}["), "\(result)")
        }
        let verify = try await report(["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("agree"), "an empty history agrees with itself: \(verify)")
    }

    /// The HTML dashboard opened in headless Chromium: it renders (a screenshot of the page),
    /// and every figure it shows, as the browser parsed it, equals the JSON output's.
    @Test func theHtmlDashboardRendersInABrowserWithTheJsonFigures() async throws {
        let codes = try await smallHistory()
        let html = MotcuaCLI.temporaryPath("dashboard.html")
        let made = try await report(["dashboard", "--period", "2026-W48", "--html", html, "--format", "json"])
        try #require(made.status == 0, "\(made)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"), "self-contained, no script")
        let figures = try #require(
            ((try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])?["report"] as? [String: Any]).flatMap {
                ($0["total"] as? [String: Any])?["figures"] as? [String: Any]
            })
        let browser = try #require(Browser.chromium(), "Chromium is needed for this test (.ci/run installs it: apt-get install chromium)")
        let dom = try await Browser.run(browser, ["--dump-dom", "file://\(html)"])
        let shown = Browser.attributes(in: dom, name: "data-figure", value: "data-value")
        #expect(shown.count >= 12, "\(shown)")
        for (name, value) in shown {
            let expected =
                (figures[name] as? NSNumber).map {
                    name.hasSuffix("rate") || name.hasSuffix("share") ? String(format: "%.6f", $0.doubleValue) : "\($0.intValue)"
                } ?? ""
            #expect(value == expected, "\(name): the page shows \(value), the JSON has \(expected)")
        }
        #expect(shown["new_received"] == "3" && dom.contains("<svg"), "\(shown)")
        #expect(codes.allSatisfy { !dom.contains($0) }, "nothing overdue or at risk in week 48's list yet")
        let screenshot = MotcuaCLI.temporaryPath("dashboard.png")
        _ = try await Browser.run(browser, ["--screenshot=\(screenshot)", "--window-size=1200,1400", "file://\(html)"])
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        try? FileManager.default.removeItem(atPath: screenshot)
        try? FileManager.default.removeItem(atPath: html)
        #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a rendered page, \(png.count) bytes")
    }

    /// `--watch` redraws in place when a dossier moves: the new frame arrives without waiting
    /// for the idle redraw (15 s), and the screen is cleared once, never again.
    @Test func watchRedrawsWhenADossierMovesWithoutClearingTheScreen() async throws {
        _ = try await smallHistory()
        let output = MotcuaCLI.temporaryPath("watch.out")
        let watcher = try ChildProcess.spawn(
            try MotcuaCLI.binary(), ["report", "dashboard", "--period", "2026-W48", "--watch", "--database-url", database],
            environment: MotcuaCLI.environment(), output: .file(output))
        defer { watcher.signal(SIGKILL) }
        func screen() -> String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }
        try await eventually("the first frame", timeout: .seconds(30)) { screen().contains("Tiếp nhận: 3") }
        let started = ContinuousClock.now
        _ = try await MotcuaCLI.submit(procedure: "2.001610", database: database)
        try await eventually("the frame after the submission", timeout: .seconds(10)) { screen().contains("Tiếp nhận: 4") }
        let waited = ContinuousClock.now - started
        print("report dashboard --watch redrew \(waited) after the submission was sent (the submission command included)")
        #expect(waited < .seconds(14), "woken by the event, not by the idle redraw")
        watcher.signal(SIGINT)
        _ = await MotcuaCLI.wait(watcher, timeout: .seconds(10))
        let frames = screen()
        #expect(frames.components(separatedBy: "\u{1B}[2J").count == 2, "the screen is cleared once")
        #expect(frames.components(separatedBy: "\u{1B}[H").count >= 3, "each frame starts from the top")
        try? FileManager.default.removeItem(atPath: output)
    }
}
