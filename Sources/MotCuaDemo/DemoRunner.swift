import CivilTime
import Foundation
import Logging
import MotCua
import Postgres

/// The demo: a center at work over a simulated period. It migrates, loads the shipped Đồng Nai
/// catalog, starts one `motcua worker` process per department of the routes, and then walks
/// the simulated clock through the period's days, the `weeks` × 7 days before the business
/// time it started at (on a database an earlier run left, from the day after its last event
/// instead, so that history is never rewritten): submissions arrive at their instants (desk, post, online); every half
/// hour of office time the workers' queues are let drain and the simulated officers, desk and
/// applicants act (``SimulatedOfficers``). At the end it stops the workers with SIGTERM, puts
/// the clock back as it found it (or leaves it simulated at the period's end when the period
/// ran past it), checks the database's consistency and returns the leadership
/// summary. The database stays as the run left it.
public struct DemoRunner: Sendable {
    /// What to simulate.
    public struct Options: Sendable, Equatable {
        public var weeks: Int
        public var dossiersPerDay: Int
        public var seed: UInt64
        public var policy: OfficerPolicy

        /// The options of a run.
        public init(weeks: Int = 4, dossiersPerDay: Int = 30, seed: UInt64 = 1, policy: OfficerPolicy = OfficerPolicy()) {
            self.weeks = weeks
            self.dossiersPerDay = dossiersPerDay
            self.seed = seed
            self.policy = policy
        }
    }

    /// What the run did.
    public struct Outcome: Sendable, Codable, Equatable {
        /// The first and last simulated days.
        public let from: CalendarDate
        public let until: CalendarDate
        /// Dossiers submitted by this run.
        public let submitted: Int
        /// The simulated officers', desk's and applicants' actions, by kind.
        public let actions: [String: Int]
        /// The leadership summary of the whole database, as of the end of the period.
        public let summary: LeadershipSummary
        /// What the consistency checks found wrong (empty: consistent).
        public let inconsistencies: [String]
        /// Set when the run continued an earlier one past the business time it started at: the
        /// simulated clock stays there (flowing at real speed), so no history lies in the future.
        public let clockLeftSimulatedAt: Date?
    }

    /// Where the run is, reported once per simulated day.
    public struct Progress: Sendable {
        public let day: CalendarDate
        public let received: Int
        public let resolved: Int
        public let overdue: Int
    }

    /// The `motcua` executable to start workers from.
    public let executable: String
    /// The database the demo and its workers use.
    public let conninfo: String
    public let options: Options

    /// Creates a demo run.
    public init(executable: String, conninfo: String, options: Options) {
        self.executable = executable
        self.conninfo = conninfo
        self.options = options
    }

    /// Runs the demo, reporting lines through `say` and each simulated day through `progress`.
    public func run(say: @Sendable (String) -> Void, progress: @Sendable (Progress) -> Void) async throws -> Outcome {
        let connection = try await Connection.connect(conninfo)
        do {
            let outcome = try await run(on: connection, say: say, progress: progress)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    private func run(on connection: Connection, say: @Sendable (String) -> Void, progress: @Sendable (Progress) -> Void) async throws -> Outcome {
        let applied = try await Migrator.forProject().migrate(connection)
        if !applied.isEmpty { say("migrated: \(applied.joined(separator: ", "))") }
        let catalogFile = try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
        let loaded = try await CatalogLoader().load(try Catalog.read(path: catalogFile), on: connection)
        say(
            "catalog loaded: \(loaded.departments.added + loaded.departments.updated + loaded.departments.unchanged) departments, \(loaded.procedures.count) procedures"
        )

        let clockBefore = try await DatabaseClock.read(on: connection)
        let realStart = ContinuousClock.now
        let today = VietnamTime.day(of: clockBefore.now)
        // The period is the weeks before today, unless the database already holds activity in
        // them (an earlier run): history is never rewritten, so the period then starts the day
        // after the last event, and the clock stays at its end.
        let lastActivity: Date? = try await connection.query(Self.lastActivityStatement).single().decode("at")
        let earliest = today.adding(days: -options.weeks * 7)
        let first = lastActivity.map { max(earliest, VietnamTime.day(of: $0).adding(days: 1)) } ?? earliest
        let days = (0..<(options.weeks * 7)).map { first.adding(days: $0) }
        let continuesHistory = first > earliest
        let calendar = try await CalendarStore.calendar(on: connection)
        let procedures = try await connection.query(Self.currentProceduresStatement, [days[0]]).map { try $0.decode("code", as: String.self) }
        guard !procedures.isEmpty else { throw DemoError(reason: "the catalog has no procedure in force on \(days[0])") }
        var stream = SubmissionStream(procedures: procedures, perDay: options.dossiersPerDay, policy: options.policy, calendar: calendar, seed: options.seed)
        var officers = try await SimulatedOfficers(policy: options.policy, seed: options.seed, calendar: calendar, on: connection)

        let departments = try await connection.query(Self.routeDepartmentsStatement, [procedures, SimulatedOfficers.consultedDepartment]).map {
            try $0.decode("department_code", as: String.self)
        }
        let workers = try departments.map { try startWorker(department: $0) }
        say(
            "started \(workers.count) worker processes (\(departments.joined(separator: ", "))); simulating \(days.count) days, \(days[0]) to \(days[days.count - 1])"
        )

        var submitted = 0
        do {
            let intake = IntakeService(actor: "demo-desk")
            for day in days {
                let events = stream.arrivals(on: day).map(Event.arrival) + Self.ticks(on: day, calendar: calendar).map(Event.tick)
                // In time order, the clock only ever moves forward.
                for event in events.sorted(by: { $0.at < $1.at }) {
                    try await DatabaseClock.simulate(at: event.at, rate: 0, on: connection)
                    switch event {
                    case .arrival(let arrival):
                        _ = try await intake.submit(try ValidatedIntake(arrival.request, now: arrival.at), on: connection)
                        submitted += 1
                        // Its first step reaches an inbox at this instant, not whenever the worker
                        // happens to get to it: what the officers see at a tick, and so the whole
                        // run, follows from the seed.
                        try await drain(connection)
                    case .tick(let at):
                        try await drain(connection)
                        if try await officers.decide(at: at, on: connection) > 0 { try await drain(connection) }
                        try await officers.handOver(at: at, on: connection)
                    }
                }
                let total = try await LeadershipSummary.read(worst: 0, on: connection).total
                progress(
                    Progress(
                        day: day, received: total.submitted - total.notReceived, resolved: total.resolvedOnTime + total.resolvedLate,
                        overdue: total.overdue))
            }
        } catch {
            await stop(workers)
            try? await restore(clockBefore, after: ContinuousClock.now - realStart, on: connection)
            throw error
        }
        let failed = await stop(workers)
        say("workers stopped with SIGTERM (\(failed == 0 ? "all exited 0" : "\(failed) exited non-zero"))")
        let summary = try await LeadershipSummary.read(on: connection)
        let inconsistencies = try await DemoConsistency.check(summary: summary, on: connection)
        let end = VietnamTime.moment(on: days[days.count - 1].adding(days: 1), secondsSinceMidnight: 0)
        let leftAt = continuesHistory && end > clockBefore.now ? end : nil
        if let leftAt {
            try await DatabaseClock.simulate(at: leftAt, rate: 1, on: connection)
        } else {
            try await restore(clockBefore, after: ContinuousClock.now - realStart, on: connection)
        }
        return Outcome(
            from: days[0], until: days[days.count - 1], submitted: submitted, actions: officers.taken, summary: summary,
            inconsistencies: inconsistencies, clockLeftSimulatedAt: leftAt)
    }

    private enum Event {
        case arrival(SubmissionStream.Arrival)
        case tick(Date)

        var at: Date {
            switch self {
            case .arrival(let arrival): return arrival.at
            case .tick(let at): return at
            }
        }
    }

    /// Every half hour of a working day's office hours, and 23:00 every day (online arrivals
    /// of the evening get their automatic steps).
    static func ticks(on day: CalendarDate, calendar: WorkingCalendar) -> [Date] {
        let evening = VietnamTime.moment(on: day, secondsSinceMidnight: 23 * 3600)
        guard calendar.isWorkingDay(day) else { return [evening] }
        let opening = OfficeHours.standard.opening(on: day)
        return (0...19).map { opening.addingTimeInterval(Double($0) * 1800) } + [evening]
    }

    /// Waits until no work item is ready or claimed: the workers have done what they can.
    private func drain(_ connection: Connection) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while try await connection.query(Self.busyStatement).single().decode("n", as: Int.self) > 0 {
            guard ContinuousClock.now < deadline else {
                throw DemoError(reason: "the workers left items ready or claimed for 30 s; `motcua queue stats` shows which department")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Puts the business clock back as the run found it: the server's time, or the simulated
    /// clock moved on by the real time the run took (times its rate).
    private func restore(_ before: DatabaseClock.Reading, after elapsed: Duration, on connection: Connection) async throws {
        if before.simulated {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try await DatabaseClock.simulate(at: before.now.addingTimeInterval(seconds * before.rate), rate: before.rate, on: connection)
        } else {
            try await DatabaseClock.useServerTime(on: connection)
        }
    }

    @discardableResult
    private func stop(_ workers: [ChildProcess]) async -> Int {
        for worker in workers { worker.signal(SIGTERM) }
        var failed = 0
        for worker in workers where await worker.wait() != 0 { failed += 1 }
        return failed
    }

    private func startWorker(department: String) throws -> ChildProcess {
        try ChildProcess.spawn(
            executable, ["worker", "--department", department, "--database-url", conninfo, "--scan-interval", "1"],
            environment: ProcessInfo.processInfo.environment.merging(["MOTCUA_LOG_LEVEL": "warning"]) { $1 })
    }

    /// `$1` a day: the procedures in force on it.
    static let currentProceduresStatement = """
        SELECT DISTINCT code FROM procedure WHERE effective_from <= $1 AND (effective_until IS NULL OR effective_until > $1) ORDER BY code
        """

    /// `$1` procedure codes, `$2` the department simulated officers consult: the departments of
    /// the procedures' current routes, and that one.
    static let routeDepartmentsStatement = """
        SELECT s.department_code FROM procedure_step s JOIN procedure p ON p.code = s.procedure_code AND p.version = s.procedure_version
        WHERE p.code = ANY($1) AND p.effective_until IS NULL
        UNION SELECT $2 ORDER BY 1
        """

    static let lastActivityStatement = "SELECT max(at) AS at FROM dossier_event"

    static let busyStatement = "SELECT count(*) AS n FROM work_item WHERE state IN ('ready', 'claimed')"
}
