import MotCua
import Postgres

/// The statements of `motcua bench queue`: the no-op procedure and backlog for the real
/// workers, and the raw `bench_queue` table with its claim-and-complete loop.
enum QueueBenchmarkSQL {
    /// The department whose `motcua worker` processes are measured.
    static let department = "BENCH"
    /// The department value (and doorbell channel) of the raw baseline's rows.
    static let rawDepartment = "BENCH_RAW"
    /// The benchmark's procedure: one automatic step of ``department``, so completing it
    /// resolves the dossier.
    static let procedure = "BENCH.NOOP"

    /// Adds the benchmark department and its one-step procedure to a migrated database.
    static func createProcedure(on connection: Connection) async throws {
        try await connection.transaction { connection in
            try connection.query(
                "INSERT INTO department (code, name, agency_eid) VALUES ($1, $2, $3)",
                [department, "Benchmark department", "000.00.99.H99"])
            try connection.query(
                "INSERT INTO procedure (code, version, name, department_code, time_limit, effective_from) VALUES ($1, 1, $2, $3, 0, DATE '2000-01-01')",
                [procedure, "Benchmark procedure with one no-op automatic step", department])
            try connection.query(
                "INSERT INTO procedure_step (procedure_code, procedure_version, position, department_code, kind) VALUES ($1, 1, 1, $2, $3)",
                [procedure, department, StepKind.automatic.rawValue])
        }
    }

    /// Empties the dossier tables (and anything else referring to them).
    static func resetDossiers(on connection: Connection) async throws {
        try await connection.execute("TRUNCATE dossier_event, work_item, personal_data_access, tracking_failure, dossier CASCADE")
    }

    /// Inserts `count` routed dossiers of the benchmark procedure with their ready work items
    /// in one statement, then vacuums and analyzes, as a fresh backlog for the workers.
    static func fillBacklog(_ count: Int, codePrefix: String, on connection: Connection) async throws {
        try await connection.query(
            """
            WITH d AS (
                INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, current_step, received_at, submitted_at)
                SELECT $1 || g, $2, 1, $3, $4, 1, motcua_now(), motcua_now() FROM generate_series(1, $5) AS g
                RETURNING id
            )
            INSERT INTO work_item (dossier_id, step_position, department_code, kind)
            SELECT id, 1, $6, $7 FROM d
            """,
            [codePrefix, procedure, Channel.desk.rawValue, DossierState.routed.rawValue, count, department, StepKind.automatic.rawValue])
        try await connection.execute("VACUUM ANALYZE dossier")
        try await connection.execute("VACUUM ANALYZE work_item")
    }

    /// Inserts one routed dossier with its ready work item (autocommit, durable) and returns the
    /// work item's ID and the server's clock just before the commit.
    static func insertOne(code: String, on connection: Connection) async throws -> (id: Int64, at: Double) {
        let row = try await connection.query(
            """
            WITH d AS (
                INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, current_step, received_at, submitted_at)
                VALUES ($1, $2, 1, $3, $4, 1, motcua_now(), motcua_now())
                RETURNING id
            )
            INSERT INTO work_item (dossier_id, step_position, department_code, kind)
            SELECT id, 1, $5, $6 FROM d
            RETURNING id, extract(epoch FROM clock_timestamp())::float8 AS at
            """,
            [code, procedure, Channel.desk.rawValue, DossierState.routed.rawValue, department, StepKind.automatic.rawValue]
        ).single()
        return (try row.decode("id"), try row.decode("at"))
    }

    /// Whether any work item of the benchmark department is not yet completed (ready or
    /// claimed); each half stops at the first entry of its own partial index, so polling costs
    /// the server next to nothing while the workers run.
    static func anyLeft(on connection: Connection) async throws -> Bool {
        try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM work_item WHERE department_code = $1 AND state = 'ready')
                OR EXISTS (SELECT 1 FROM work_item WHERE department_code = $1 AND state = 'claimed') AS left
            """,
            [department]
        ).single().decode("left")
    }

    /// The steady state of a drained backlog: how many items of the benchmark department were
    /// completed after the first tenth of them, and the seconds from then to the last
    /// completion.
    static func steadyCompletions(on connection: Connection) async throws -> (items: Int, seconds: Double) {
        let row = try await connection.query(
            """
            WITH done AS (
                SELECT completed_at FROM work_item WHERE department_code = $1 AND state = 'completed'
            ), warm AS (
                SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY completed_at) AS at FROM done
            )
            SELECT count(*) FILTER (WHERE done.completed_at > warm.at) AS items,
                   coalesce(extract(epoch FROM max(done.completed_at) - warm.at), 0)::float8 AS seconds
            FROM done, warm GROUP BY warm.at
            """,
            [department]
        ).single()
        return (try row.decode("items"), try row.decode("seconds"))
    }

    /// Dossiers of the benchmark procedure per state.
    static func dossierStates(on connection: Connection) async throws -> [String: Int] {
        let rows = try await connection.query(
            "SELECT state, count(*) AS n FROM dossier WHERE procedure_code = $1 GROUP BY state", [procedure])
        var states: [String: Int] = [:]
        for row in rows { states[try row.decode("state")] = try row.decode("n") }
        return states
    }

    /// The raw baseline's table: the columns, checks and per-state partial indexes of
    /// `work_item` that claiming and completing touch, without the foreign keys, the columns
    /// of retries and assignment, and the dossier around it.
    static let createRawTable = """
        CREATE TABLE bench_queue (
            id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            department        text NOT NULL,
            state             text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'claimed', 'completed')),
            priority          smallint NOT NULL DEFAULT 0,
            available_at      timestamptz NOT NULL DEFAULT now(),
            attempts          integer NOT NULL DEFAULT 0,
            lease_token       bigint NOT NULL DEFAULT 0,
            lease_expires_at  timestamptz,
            claimed_by        text,
            created_at        timestamptz NOT NULL DEFAULT now(),
            completed_at      timestamptz,
            CHECK ((state = 'claimed') = (lease_expires_at IS NOT NULL AND claimed_by IS NOT NULL))
        );
        CREATE INDEX bench_queue_ready ON bench_queue (department, priority DESC, available_at, id) WHERE state = 'ready';
        CREATE INDEX bench_queue_expired_lease ON bench_queue (department, lease_expires_at) WHERE state = 'claimed';
        CREATE INDEX bench_queue_completed ON bench_queue (completed_at) WHERE state = 'completed';
        """

    /// Empties `bench_queue`, inserts `count` ready rows of the raw department, and vacuums.
    static func refillRaw(_ count: Int, on connection: Connection) async throws {
        try await connection.execute("TRUNCATE bench_queue")
        try await connection.query(
            "INSERT INTO bench_queue (department) SELECT $1 FROM generate_series(1, $2)", [rawDepartment, count])
        try await connection.execute("VACUUM ANALYZE bench_queue")
    }

    /// Ready rows left in `bench_queue` (zero means the loop ran dry).
    static func rawReady(on connection: Connection) async throws -> Int {
        try await connection.query(
            "SELECT count(*) AS n FROM bench_queue WHERE department = $1 AND state = 'ready'", [rawDepartment]
        ).single().decode("n")
    }

    /// The raw claim-and-complete: one statement (one transaction) that claims up to `limit`
    /// rows with the same selection, order and `FOR UPDATE SKIP LOCKED` as `WorkQueue.claim`
    /// and marks them completed. `department` and `limit` are SQL expressions: parameters for
    /// the client, a constant and a pgbench variable for pgbench.
    static func rawClaimAndComplete(department: String, limit: String, returning: String = "") -> String {
        """
        WITH next AS (
            SELECT id FROM bench_queue
            WHERE department = \(department) AND state = 'ready' AND available_at <= now()
            ORDER BY priority DESC, available_at, id
            LIMIT \(limit)
            FOR UPDATE SKIP LOCKED
        )
        UPDATE bench_queue AS q
        SET state = 'completed', lease_token = q.lease_token + 1, attempts = q.attempts + 1, completed_at = now()
        FROM next WHERE q.id = next.id\(returning.isEmpty ? "" : "\nRETURNING " + returning)
        """
    }

    /// The pgbench script of the worker's own statements at `batchSize`, without the worker: the
    /// claim (``WorkQueue/claimStatement``, its rows gathered into arrays for `\\gset`) and
    /// then the completion (``StepCompletion/statement``) of what it claimed, each in its own
    /// transaction, one after the other. What the statements cost the server, so the benchmark
    /// can tell the worker's own overhead from the cost of what a step must write. Run it with
    /// ``WorkQueue/claimingSessionSettings``, as the worker does.
    static func statementsScript(batchSize: Int) -> String {
        let claimAsArrays =
            "WITH claimed AS (" + WorkQueue.claimStatement
            + ") SELECT coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(lease_token), '{}') AS tokens FROM claimed"
        let literals = [("$1", "'\(department)'"), ("$2", ":limit"), ("$3", "'pgbench' || :client_id"), ("$4", "60")]
        let claimScript = literals.reduce(claimAsArrays) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        let completionScript = [("$1", ":ids"), ("$2", ":tokens"), ("$3", "'pgbench'")]
            .reduce(StepCompletion.statement) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        func line(_ sql: String) -> String { sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
        return "\\set limit \(batchSize)\n" + line(claimScript) + "\n\\gset\n" + line(completionScript) + ";\n"
    }

    /// The pgbench script of the raw loop at `batchSize`.
    static func rawScript(batchSize: Int) -> String {
        "\\set limit \(batchSize)\n"
            + rawClaimAndComplete(department: "'\(rawDepartment)'", limit: ":limit")
            .replacingOccurrences(of: "\n", with: " ") + ";\n"
    }
}
