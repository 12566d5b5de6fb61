import CivilTime
import Foundation
import MotCua
import Postgres

/// `motcua bench report`: every report command's read at 1,000,000 dossiers and again at
/// 3,000,000, against a naive recomputation of the same question from the event log in the same
/// run, interleaved (ours, naive, ours, naive …), with `report verify` proving the rollups.
///
/// The histories (``ReportHistoryGenerator``) are loaded with COPY: dossier rows with the state
/// machine's guard off (they are finished histories, not live changes), then their events, for
/// which the reports' projection trigger runs row by row exactly as in production, so the
/// rollups the reports read are the ones the trigger kept. The larger size adds dossiers over
/// the same years (a busier province), so the data triples while the rollups, which grow with
/// days and procedures, do not.
public struct ReportBenchmark: Sendable {
    /// One report at one size.
    public struct Timing: Sendable, Codable {
        public let report: String
        /// Milliseconds: ours the median of its ``ReportBenchmark/readsPerRound`` reads in every
        /// round, naive the median of its one per round.
        public let oursMedianMs: Double
        public let naiveMedianMs: Double
        /// naive ÷ ours.
        public let speedup: Double
        public let oursRoundsMs: [Double]
        public let naiveRoundsMs: [Double]
    }

    /// One size.
    public struct Size: Sendable, Codable {
        public let dossiers: Int
        /// Events in the database at this size.
        public let events: Int
        /// Seconds the COPY of this size's new rows took, trigger included, and their events per second.
        public let loadSeconds: Double
        public let loadEventsPerSecond: Double
        public let rollupRows: Int
        public let timings: [Timing]
        public let verifySeconds: Double?
        public let verifyAgrees: Bool?
        public let verifyDifferences: [String]
    }

    public struct Report: Sendable, Codable {
        public let settings: [String: String]
        public let rounds: Int
        public let historyFrom: CalendarDate
        public let asOf: Date
        public let sizes: [Size]
    }

    let conninfo: String
    let sizes: [Int]
    let rounds: Int
    let years: Int
    let seed: UInt64
    let verify: Bool

    /// A benchmark on the server of `conninfo` (in a database it creates and drops).
    public init(conninfo: String, sizes: [Int], rounds: Int, years: Int, seed: UInt64, verify: Bool) {
        self.conninfo = conninfo
        self.sizes = sizes
        self.rounds = rounds
        self.years = years
        self.seed = seed
        self.verify = verify
    }

    /// Dossiers generated and copied per COPY: small enough that one statement does not update
    /// a day's counters hundreds of times (each update in one transaction lengthens the row's
    /// version chain, which the next update walks).
    static let chunk = 500

    /// Runs every size and drops the benchmark database afterwards.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        let name = "motcua_bench_report_\(getpid())"
        let admin = try await Connection.connect(conninfo)
        try await admin.execute("CREATE DATABASE \(name)")
        do {
            let report = try await measure(ConnectionString.replacingDatabase(in: conninfo, with: name), progress: progress)
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            return report
        } catch {
            _ = try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    private func measure(_ target: String, progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        let connection = try await Connection.connect(target)
        do {
            let report = try await measure(on: connection, target: target, progress: progress)
            await connection.close()
            return report
        } catch {
            await connection.close()
            throw error
        }
    }

    private func measure(on connection: Connection, target: String, progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        try await Migrator.forProject().migrate(connection)
        let catalogFile = try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
        _ = try await CatalogLoader().load(try Catalog.read(path: catalogFile), on: connection)
        let settings = try await BenchmarkSampling.settings(on: connection)
        let now = BenchmarkClock.start
        let today = VietnamTime.day(of: now)
        try await DatabaseClock.simulate(at: now, rate: 0, on: connection)
        let firstDay = CalendarDate(year: today.year - years, month: today.month, day: 1)!
        let generator = ReportHistoryGenerator(
            procedures: try await Self.procedures(on: connection), calendar: try await CalendarStore.calendar(on: connection), firstDay: firstDay,
            now: now, seed: seed, officers: try await Self.officers(on: connection))
        var loaded = 0
        var eventsLoaded = 0
        var results: [Size] = []
        for size in sizes.sorted() {
            // A larger size adds dossiers over the same years: the history is denser, not longer.
            // Two loaders, one per core, each COPY a half of the period in time order, so they
            // rarely touch the same day's counters at the same time.
            let start = ContinuousClock.now
            let chunks = Swift.stride(from: loaded, to: size, by: Self.chunk).map { $0..<min($0 + Self.chunk, size) }
            let halves = [Array(chunks.prefix(chunks.count / 2)), Array(chunks.dropFirst(chunks.count / 2))]
            let batch = loaded..<size
            let events = try await withThrowingTaskGroup(of: Int.self) { group in
                for half in halves where !half.isEmpty {
                    group.addTask {
                        let loader = try await Connection.connect(target)
                        var copied = 0
                        do {
                            for ids in half {
                                let rows = generator.rows(ids, of: batch)
                                try await loader.execute("SET session_replication_role = replica")
                                try await loader.copy(into: "dossier", columns: ReportHistoryGenerator.dossierColumns, rows: rows.dossiers)
                                try await loader.execute("SET session_replication_role = origin")
                                copied += try await loader.copy(into: "dossier_event", columns: ReportHistoryGenerator.eventColumns, rows: rows.events)
                                progress("report: dossiers \(ids.lowerBound + 1)–\(ids.upperBound) of \(size) loaded")
                            }
                        } catch {
                            await loader.close()
                            throw error
                        }
                        await loader.close()
                        return copied
                    }
                }
                return try await group.reduce(0, +)
            }
            let seconds = Self.seconds(ContinuousClock.now - start)
            loaded = size
            eventsLoaded += events
            // A production database is vacuumed and analysed by autovacuum as it goes, between
            // single-event transactions, so its rollups stay near their live size. A bulk load
            // has given it no chance: years of updates of the same rollup rows within a few long
            // COPY transactions leave those tables many times their live size, which no
            // production database would be. So, as an operator does after a bulk import, the
            // rollups are rewritten (VACUUM FULL) and everything analysed before both sides are
            // timed.
            progress("report: \(size) dossiers loaded, VACUUM FULL of the rollups, VACUUM (ANALYZE)")
            try await connection.execute("VACUUM (FULL) \(Self.rollupTables.joined(separator: ", "))")
            try await connection.execute("VACUUM (ANALYZE)")
            results.append(
                try await timeReports(
                    size: size, events: eventsLoaded, loadRate: Double(events) / max(seconds, 0.001), loadSeconds: seconds, now: now, on: connection,
                    target: target, progress: progress))
        }
        return Report(settings: settings, rounds: rounds, historyFrom: firstDay, asOf: now, sizes: results)
    }

    private func timeReports(
        size: Int, events: Int, loadRate: Double, loadSeconds: Double, now: Date, on connection: Connection, target: String,
        progress: @Sendable (String) -> Void
    )
        async throws -> Size
    {
        let today = VietnamTime.day(of: now)
        let month = ReportPeriod.month(of: today)
        let quarterStart = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
        let quarter = ReportPeriod(label: "quarter", from: quarterStart, to: today)
        let year = ReportPeriod(label: "\(today.year)", from: CalendarDate(year: today.year, month: 1, day: 1)!, to: today)
        let none: String? = nil
        typealias Run = @Sendable (Connection) async throws -> Void
        let cases: [(String, Run, Run)] = [
            (
                "dashboard", { _ = try await Dashboard.read(period: month, on: $0) },
                { c in
                    _ = try await c.query(ReportBenchmarkSQL.periodFigures, Self.moments(month) + [none, none])
                    _ = try await c.query(ReportBenchmarkSQL.overdue, [now])
                    _ = try await c.query(ReportBenchmarkSQL.trend, [VietnamTime.moment(on: today.adding(days: -84), secondsSinceMidnight: 0), now])
                }
            ),
            ("overdue", { _ = try await SupervisionList.read(.overdue, on: $0) }, { _ = try await $0.query(ReportBenchmarkSQL.overdue, [now]) }),
            ("at-risk", { _ = try await SupervisionList.read(.atRisk, on: $0) }, { _ = try await $0.query(ReportBenchmarkSQL.atRisk, [now]) }),
            (
                "department STC", { _ = try await PeriodReport.read(period: quarter, department: "STC", on: $0) },
                {
                    _ = try await $0.query(ReportBenchmarkSQL.periodFigures, Self.moments(quarter) + ["STC", none])
                }
            ),
            (
                "procedure DN.LT.001", { _ = try await PeriodReport.read(period: quarter, procedure: "DN.LT.001", on: $0) },
                {
                    _ = try await $0.query(ReportBenchmarkSQL.periodFigures, Self.moments(quarter) + [none, "DN.LT.001"])
                }
            ),
            (
                "officers", { _ = try await OfficerWorkload.read(period: month, on: $0) },
                { _ = try await $0.query(ReportBenchmarkSQL.officers, Self.moments(month)) }
            ),
            (
                "trend", { _ = try await TrendReport.read(by: .week, on: $0) },
                {
                    _ = try await $0.query(ReportBenchmarkSQL.trend, [VietnamTime.moment(on: today.adding(days: -84), secondsSinceMidnight: 0), now])
                }
            ),
            (
                "index", { _ = try await ServiceIndex.read(period: year, on: $0) },
                { _ = try await $0.query(ReportBenchmarkSQL.periodFigures, Self.moments(year) + [none, none]) }
            ),
        ]
        var ours: [String: [Double]] = [:]
        var naive: [String: [Double]] = [:]
        // The reports read as their commands do (the reporting role, no parallel workers); the
        // naive side on a connection of its own with the server's defaults, parallel scans
        // included, so the baseline is at its best.
        try await ReportAccess.adopt(on: connection)
        let plain = try await Connection.connect(target)
        do {
            for round in 1...rounds {
                for (name, subject, baseline) in cases {
                    progress("report: \(size) dossiers, round \(round) of \(rounds), \(name)")
                    for _ in 1...Self.readsPerRound { ours[name, default: []].append(try await Self.time { try await subject(connection) }) }
                    naive[name, default: []].append(try await Self.time { try await baseline(plain) })
                }
            }
        } catch {
            await plain.close()
            throw error
        }
        await plain.close()
        try await connection.execute("RESET ROLE")
        let rollupRows: Int = try await connection.query(Self.rollupRowsStatement).single().decode("n")
        var verifySeconds: Double?
        var agrees: Bool?
        var differences: [String] = []
        let timings = cases.map { name, _, _ in
            let o = BenchmarkSampling.median(ours[name]!)
            let n = BenchmarkSampling.median(naive[name]!)
            return Timing(report: name, oursMedianMs: o, naiveMedianMs: n, speedup: n / max(o, 0.001), oursRoundsMs: ours[name]!, naiveRoundsMs: naive[name]!)
        }
        // The figures so far, before the long verification, so a run cut short keeps them.
        progress(
            "report: \(size) dossiers measured (ms, ours / naive): "
                + timings.map { "\($0.report) \(String(format: "%.1f", $0.oursMedianMs)) / \(String(format: "%.0f", $0.naiveMedianMs))" }.joined(
                    separator: "; "))
        if verify {
            progress("report: \(size) dossiers, report verify")
            let start = ContinuousClock.now
            do {
                let result = try await ReportVerification.run(period: month, on: connection)
                agrees = result.agrees
                differences = result.differences
            } catch {
                differences = ["report verify did not finish: \(error)"]
            }
            verifySeconds = Self.seconds(ContinuousClock.now - start)
            progress(
                "report: \(size) dossiers, report verify \(agrees == true ? "agrees" : "did not agree") in \(String(format: "%.0f", verifySeconds ?? 0)) s")
        }
        return Size(
            dossiers: size, events: events, loadSeconds: loadSeconds, loadEventsPerSecond: loadRate,
            rollupRows: rollupRows, timings: timings, verifySeconds: verifySeconds, verifyAgrees: agrees, verifyDifferences: differences)
    }

    /// How many times each round reads every report (the naive side once, it takes seconds). A
    /// single read of a few milliseconds, right after a naive scan of the whole event log, is at
    /// the mercy of what that scan did to the caches and of the disk's mode; on a live server
    /// the rollups' pages are kept warm by every event's transaction. The median of several
    /// reads per round is steadier.
    public static let readsPerRound = 5

    /// A period's first moment and the moment after its last day.
    static func moments(_ period: ReportPeriod) -> [any PostgresEncodable & Sendable] {
        [VietnamTime.moment(on: period.from, secondsSinceMidnight: 0), VietnamTime.moment(on: period.to.adding(days: 1), secondsSinceMidnight: 0)]
    }

    static func time(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return seconds(ContinuousClock.now - start) * 1000
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The tables the projection trigger updates in place, which a bulk load bloats.
    static let rollupTables = [
        "report_dossier", "report_open", "report_day", "report_month", "report_duration", "report_duration_month", "report_step_day", "report_step_month",
        "report_late_cause", "report_officer_day",
    ]

    static let rollupRowsStatement = """
        SELECT (SELECT count(*) FROM report_day) + (SELECT count(*) FROM report_duration) + (SELECT count(*) FROM report_step_day)
               + (SELECT count(*) FROM report_late_cause) + (SELECT count(*) FROM report_officer_day) AS n
        """

    static func procedures(on connection: Connection) async throws -> [ReportHistoryGenerator.Procedure] {
        var steps: [String: [ReportHistoryGenerator.Step]] = [:]
        for row in try await connection.query(stepsStatement) {
            steps["\(try row.decode("procedure_code", as: String.self))/\(try row.decode("procedure_version", as: Int.self))", default: []].append(
                ReportHistoryGenerator.Step(
                    department: try row.decode("department_code"), kind: try row.decode("kind"), allowance: try row.decode("allowance"),
                    excluded: try row.decode("excluded_from_limit"), taxOffice: try row.decode("tax")))
        }
        return try await connection.query(proceduresStatement).map { row in
            let code: String = try row.decode("code")
            let version: Int = try row.decode("version")
            return ReportHistoryGenerator.Procedure(
                code: code, version: version, limitDays: try row.decode("limit_days"), hasFee: try row.decode("has_fee"),
                paymentPausesClock: try row.decode("payment_pauses_clock"), steps: steps["\(code)/\(version)"] ?? [])
        }
    }

    static func officers(on connection: Connection) async throws -> [String: [String]] {
        var officers: [String: [String]] = [:]
        for row in try await connection.query(officersStatement) {
            officers[try row.decode("department_code"), default: []].append(try row.decode("code"))
        }
        return officers
    }

    static let officersStatement = "SELECT code, department_code FROM officer WHERE active AND role = 'officer' ORDER BY code"
    static let proceduresStatement = """
        SELECT code, version, CASE time_limit_unit WHEN 'working_hours' THEN time_limit / 8 WHEN 'calendar_days' THEN time_limit * 5 / 7 ELSE time_limit END AS limit_days,
               fee->>'kind' <> 'none' AS has_fee, payment_pauses_clock
        FROM procedure WHERE effective_until IS NULL ORDER BY code
        """
    static let stepsStatement = """
        SELECT s.procedure_code, s.procedure_version, s.department_code, s.kind, coalesce(s.allowance, 0)::float8 AS allowance, s.excluded_from_limit,
               d.kind = 'tax' AS tax
        FROM procedure_step s JOIN department d ON d.code = s.department_code ORDER BY s.procedure_code, s.procedure_version, s.position
        """
}
