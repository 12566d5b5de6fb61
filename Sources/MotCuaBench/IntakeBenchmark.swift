import Foundation
import MotCua
import MotCuaDemo
import Postgres

/// `motcua bench intake`: dossiers received per second through the real intake path —
/// separate `motcua intake submit --file` processes with durable commits — next to pgbench on
/// the same server running a single-row INSERT, and a single-row INSERT + NOTIFY, at the same
/// concurrency. Each round runs the three side by side for every concurrency (interleaved), in
/// a throwaway database created for the run.
///
/// Submissions go round-robin over every current procedure of the shipped Đồng Nai catalog
/// (`sql/reference/dong-nai-catalog.json`, loaded into the benchmark database), so over several
/// agencies as at a real center: a gapless daily sequence per agency means one agency's intakes
/// queue on its counter row until commit. Each step runs on a business day of its own (the
/// database's simulated clock, four weeks apart from ``BenchmarkClock/start``), its submissions
/// spread over that day and the days before it so that no agency exceeds 9,999 dossiers a day;
/// those older than the previous working day carry a late-entry reason, as the desk requires.
public struct IntakeBenchmark: Sendable {
    /// One concurrency's medians.
    public struct Line: Sendable, Codable {
        public let concurrency: Int
        public let intakeMedian: Double
        public let insertMedian: Double
        public let insertNotifyMedian: Double
        /// intake ÷ INSERT; the target is at least 0.5.
        public let ratio: Double
        public let intakeRounds: [Double]
        public let insertRounds: [Double]
        public let insertNotifyRounds: [Double]
    }

    /// The whole run.
    public struct Report: Sendable, Codable {
        public let settings: [String: String]
        public let procedures: Int
        public let agencies: Int
        public let secondsPerStep: Int
        public let lines: [Line]
    }

    let conninfo: String
    let executable: String
    let rounds: Int
    let seconds: Int
    let concurrencies: [Int]

    /// Creates a benchmark against the server of `conninfo`, starting intake processes from `executable`.
    public init(conninfo: String, executable: String, rounds: Int, seconds: Int, concurrencies: [Int]) {
        self.conninfo = conninfo
        self.executable = executable
        self.rounds = rounds
        self.seconds = seconds
        self.concurrencies = concurrencies
    }

    static let insertScript = "INSERT INTO bench_insert (payload) VALUES ('dossier');\n"
    static let insertNotifyScript = "BEGIN;\nINSERT INTO bench_insert (payload) VALUES ('dossier');\nSELECT pg_notify('motcua_bench', '');\nCOMMIT;\n"

    /// Runs every step and drops the benchmark database afterwards.
    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        let pgbench = try Pgbench.locate()
        let name = "motcua_bench_\(getpid())"
        let admin = try await Connection.connect(conninfo)
        try await admin.execute("CREATE DATABASE \(name)")
        let target = ConnectionString.replacingDatabase(in: conninfo, with: name)
        do {
            let report = try await measure(target, pgbench: pgbench, progress: progress)
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            return report
        } catch {
            _ = try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    private func measure(_ target: String, pgbench: Pgbench, progress: @Sendable (String) -> Void) async throws -> Report {
        let connection = try await Connection.connect(target)
        try await Migrator.forProject().migrate(connection)
        let catalog = try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
        _ = try await CatalogLoader().load(try Catalog.read(path: catalog), on: connection)
        progress("loaded the catalog \(catalog)")
        try await connection.execute(
            "CREATE TABLE bench_insert (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())")
        let current = try await connection.query(
            """
            SELECT p.code, d.agency_eid FROM procedure p JOIN department d ON d.code = p.department_code
            WHERE p.effective_until IS NULL AND p.effective_from <= $1::date - 400 ORDER BY p.code
            """, [VietnamTime.day(of: BenchmarkClock.start)])
        let procedures: [String] = try current.map { try $0.decode("code") }
        let agencies = Set(try current.map { try $0.decode("agency_eid", as: String.self) }).count
        guard !procedures.isEmpty else {
            throw BenchmarkError(benchmark: "bench intake", reason: "no procedure is in force over the last 400 days to submit to")
        }
        let settings = try await BenchmarkSampling.settings(on: connection)
        let calendar = try await CalendarStore.calendar(on: connection)

        var samples: [Int: (intake: [Double], insert: [Double], notify: [Double])] = [:]
        var perProcess: [Int: Int] = [:]
        var step = 0
        for round in 1...rounds {
            for clients in concurrencies {
                step += 1
                let insert = try pgbench.transactionsPerSecond(script: Self.insertScript, clients: clients, seconds: seconds, conninfo: target)
                let notify = try pgbench.transactionsPerSecond(script: Self.insertNotifyScript, clients: clients, seconds: seconds, conninfo: target)
                let count = perProcess[clients] ?? 200
                let day = BenchmarkClock.instant(ofStep: step, calendar: calendar)
                try await DatabaseClock.simulate(at: day, rate: 1, on: connection)
                let intake = try await intakeRate(processes: clients, each: count, procedures: procedures, at: day, calendar: calendar, target: target)
                perProcess[clients] = max(100, Int(intake * Double(seconds) / Double(clients)))
                samples[clients, default: ([], [], [])].intake.append(intake)
                samples[clients]!.insert.append(insert)
                samples[clients]!.notify.append(notify)
                progress("round \(round)/\(rounds), \(clients) clients: intake \(Int(intake))/s, INSERT \(Int(insert))/s, INSERT+NOTIFY \(Int(notify))/s")
            }
        }
        await connection.close()
        let lines = concurrencies.map { clients in
            let sample = samples[clients]!
            let intake = BenchmarkSampling.median(sample.intake)
            let insert = BenchmarkSampling.median(sample.insert)
            return Line(
                concurrency: clients, intakeMedian: intake, insertMedian: insert, insertNotifyMedian: BenchmarkSampling.median(sample.notify),
                ratio: insert > 0 ? intake / insert : 0, intakeRounds: sample.intake, insertRounds: sample.insert, insertNotifyRounds: sample.notify)
        }
        return Report(settings: settings, procedures: procedures.count, agencies: agencies, secondsPerStep: seconds, lines: lines)
    }

    /// Runs `processes` intake processes of `each` submissions, submitted on the business day of
    /// `now` and the days before it, and returns dossiers per second, timed from the first start
    /// to the last exit.
    private func intakeRate(processes: Int, each: Int, procedures: [String], at now: Date, calendar: WorkingCalendar, target: String) async throws
        -> Double
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bench-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let spread = min(20, processes * each / 3000 + 1)
        var files: [String] = []
        for process in 0..<processes {
            var lines: [String] = []
            for item in 0..<each {
                let index = process * each + item
                var request = SampleSubmissions.request(index: index, procedure: procedures[index % procedures.count], channel: .desk)
                let daysBack = index % spread
                let day = calendar.addingWorkingDays(-daysBack, to: VietnamTime.day(of: now))
                request.submittedAt = VietnamTime.moment(on: day, secondsSinceMidnight: VietnamTime.secondsSinceMidnight(of: now))
                if daysBack > 1 { request.lateEntryReason = "Hồ sơ nhập bù (benchmark)" }
                lines.append(String(decoding: try encoder.encode(request), as: UTF8.self))
            }
            let file = folder.appendingPathComponent("p\(process).jsonl").path
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["MOTCUA_LOG_LEVEL"] = "error"
        let clock = ContinuousClock()
        let start = clock.now
        let children = try files.map { file in
            try ChildProcess.spawn(
                "/bin/sh",
                ["-c", "exec \"$0\" intake submit --file \"$1\" --format json --database-url \"$2\" > /dev/null 2> \"$1.log\"", executable, file, target],
                environment: environment)
        }
        var failures: [String] = []
        for (child, file) in zip(children, files) where await child.wait() != 0 {
            failures.append((try? String(contentsOfFile: file + ".log", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "no output")
        }
        let elapsed = clock.now - start
        guard failures.isEmpty else {
            throw BenchmarkError(
                benchmark: "bench intake", reason: "\(failures.count) of \(processes) intake processes failed; the first said: \(failures[0].prefix(500))")
        }
        return Double(processes * each) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
