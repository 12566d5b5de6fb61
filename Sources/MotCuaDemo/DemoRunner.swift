import Foundation
import Logging
import MotCua
import Postgres

/// The demo: migrate, load the shipped Đồng Nai catalog, receive a handful of sample dossiers
/// (with their appointment dates), run one worker process per
/// department of their routes, wait until every dossier is resolved or waits in an officer's
/// inbox (review and signature steps are decided by officers), stop the workers with
/// SIGTERM, and return the summary.
public struct DemoRunner: Sendable {
    /// The `motcua` executable to start workers from.
    public let executable: String
    /// The database the demo and its workers use.
    public let conninfo: String
    /// How many dossiers to submit.
    public let dossiers: Int
    /// How long to wait for every dossier to be resolved or assigned to an officer.
    public let timeout: Duration

    /// Creates a demo run.
    public init(executable: String, conninfo: String, dossiers: Int, timeout: Duration = .seconds(120)) {
        self.executable = executable
        self.conninfo = conninfo
        self.dossiers = dossiers
        self.timeout = timeout
    }

    /// Runs the demo, reporting progress lines through `say`.
    public func run(say: @Sendable (String) -> Void) async throws -> SummaryReport {
        let connection = try await Connection.connect(conninfo)
        let applied = try await Migrator.forProject().migrate(connection)
        if !applied.isEmpty { say("migrated: \(applied.joined(separator: ", "))") }
        let catalogFile = try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
        let loaded = try await CatalogLoader().load(try Catalog.read(path: catalogFile), on: connection)
        let changed = loaded.procedures.filter { $0.change == .new || $0.change == .newVersion }.count
        say(
            "catalog loaded: \(loaded.departments.added + loaded.departments.updated + loaded.departments.unchanged) departments, \(loaded.procedures.count) procedures (\(changed) new or changed)"
        )

        let procedures = ["2.001610", "2.000815"]
        let intake = IntakeService(actor: "demo-desk")
        var expected: [String] = []
        for index in 0..<dossiers {
            let procedure = procedures[index % procedures.count]
            let channel = Channel.allCases[index % Channel.allCases.count]
            let request = SampleSubmissions.request(index: index, procedure: procedure, channel: channel)
            let result = try await intake.submit(try ValidatedIntake(request, now: try await DatabaseClock.now(on: connection)), on: connection)
            expected.append(result.dossierCode)
            say(
                "received \(result.dossierCode)  \(result.procedureCode)  \(channel.rawValue)  due \(result.dueDate.map(SlipFormat.format) ?? "-")  → \(result.firstDepartment ?? "-")"
            )
        }

        let departments = try await connection.query(
            "SELECT DISTINCT department_code FROM procedure_step WHERE procedure_code = ANY($1) ORDER BY 1", [procedures]
        ).map { try $0.decode("department_code", as: String.self) }
        let workers = try departments.map { try startWorker(department: $0) }
        say("started \(workers.count) worker processes: \(departments.joined(separator: ", "))")

        let deadline = ContinuousClock.now + timeout
        var unresolved = expected.count
        while unresolved > 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            unresolved = try await connection.query(
                "SELECT count(*) AS n FROM dossier WHERE code = ANY($1) AND state NOT IN ('resolved', 'assigned')", [expected]
            ).single().decode("n")
        }
        for worker in workers { worker.signal(SIGTERM) }
        var failed = 0
        for worker in workers where await worker.wait() != 0 { failed += 1 }
        say("workers stopped with SIGTERM (\(failed == 0 ? "all exited 0" : "\(failed) exited non-zero"))")
        let inboxes = try await connection.query(
            """
            SELECT w.assigned_officer AS officer, w.department_code AS department, count(*) AS n FROM work_item w
            JOIN dossier d ON d.id = w.dossier_id WHERE d.code = ANY($1) AND w.state = 'assigned'
            GROUP BY 1, 2 ORDER BY 2, 1
            """,
            [expected])
        for row in inboxes {
            say(
                "officer \(try row.decode("officer", as: String.self)) (\(try row.decode("department", as: String.self))) has \(try row.decode("n", as: Int.self)) dossiers to review or sign"
            )
        }
        let report = try await SummaryReport.read(on: connection)
        await connection.close()
        guard unresolved == 0 else {
            throw DemoError(reason: "\(unresolved) dossiers were neither resolved nor with an officer within \(timeout); see the worker logs above")
        }
        return report
    }

    private func startWorker(department: String) throws -> ChildProcess {
        try ChildProcess.spawn(
            executable, ["worker", "--department", department, "--database-url", conninfo],
            environment: ProcessInfo.processInfo.environment.merging(["MOTCUA_LOG_LEVEL": "warning"]) { $1 })
    }
}
