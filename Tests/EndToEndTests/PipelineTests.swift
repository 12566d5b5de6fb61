import Foundation
import Postgres
import TestSupport
import Testing

/// The seeded catalog (migration 0002): routes and the agency e-ID of each first department.
enum Catalog {
    static let enterprise = "2.001610"  // STC → THUE → BHXH
    static let certification = "2.000815"  // STP

    static func route(_ procedure: String) -> [String] {
        procedure == enterprise ? ["STC", "THUE", "BHXH"] : ["STP"]
    }

    static func agency(_ procedure: String) -> String {
        procedure == enterprise ? "000.00.09.H19" : "000.00.16.H19"
    }

    static let departments = ["STC", "THUE", "BHXH", "STP"]
}

/// One event of a dossier's log as the tests compare it.
struct EventLine: Equatable, CustomStringConvertible {
    let kind: String
    let department: String?
    let from: String?
    let to: String

    var description: String { "\(kind)(\(department ?? "-"): \(from ?? "nil") → \(to))" }

    /// The complete log of a dossier that went through `route` and was resolved.
    static func resolvedLog(route: [String]) -> [EventLine] {
        var lines = [
            EventLine(kind: "received", department: nil, from: nil, to: "received"),
            EventLine(kind: "routed", department: route.first, from: "received", to: "routed"),
        ]
        for (index, department) in route.enumerated() {
            lines.append(EventLine(kind: "step_completed", department: department, from: "routed", to: index == route.count - 1 ? "resolved" : "routed"))
        }
        return lines
    }
}

/// The event logs of the given dossiers, by dossier code, in log order.
func eventLogs(codes: [String], on connection: Connection) async throws -> [String: [EventLine]] {
    let rows = try await connection.query(
        """
        SELECT d.code, e.kind, e.department_code, e.from_state, e.to_state
        FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
        WHERE d.code = ANY($1) ORDER BY e.dossier_id, e.id
        """,
        [codes])
    var logs: [String: [EventLine]] = [:]
    for row in rows {
        logs[try row.decode("code", as: String.self), default: []].append(
            EventLine(
                kind: try row.decode("kind"), department: try row.decode("department_code"),
                from: try row.decode("from_state"), to: try row.decode("to_state")))
    }
    return logs
}

/// How many of the given dossiers are resolved.
func resolvedCount(codes: [String], on connection: Connection) async throws -> Int {
    try await connection.count("SELECT count(*) AS n FROM dossier WHERE state = 'resolved' AND code = ANY($1)", [codes])
}

/// Intake, department workers and reporting, each a separate `motcua` process, against one
/// database. Serialized because each test runs several worker processes.
@Suite(.database, .serialized)
struct PipelineTests {
    /// Dossiers submitted first, then one worker per department drains the queues to the end.
    @Test func submittedDossiersAreResolvedByOneWorkerPerDepartment() async throws {
        let database = TestDatabase.database.conninfo
        let submissions: [(procedure: String, channel: String)] = [
            (Catalog.enterprise, "desk"), (Catalog.certification, "online"), (Catalog.enterprise, "post"),
            (Catalog.certification, "desk"), (Catalog.enterprise, "online"), (Catalog.certification, "post"),
        ]
        var receipts: [ReceiptJSON] = []
        for submission in submissions {
            receipts.append(try await MotcuaCLI.submit(procedure: submission.procedure, channel: submission.channel, database: database))
        }
        let codes = receipts.map(\.dossierCode)
        #expect(Set(codes).count == codes.count, "dossier codes must be unique: \(codes)")

        for (submission, receipt) in zip(submissions, receipts) {
            #expect(receipt.procedureCode == submission.procedure)
            #expect(receipt.channel == submission.channel)
            #expect(receipt.procedureVersion == 1)
            #expect(!receipt.procedureName.isEmpty)
            #expect(receipt.firstDepartment == Catalog.route(submission.procedure)[0])
            #expect(receipt.dossierCode.hasPrefix(Catalog.agency(submission.procedure) + "-"), "\(receipt.dossierCode)")
        }
        try await withTestConnection { connection in
            try await checkCodes(receipts: receipts, on: connection)
            // Before any worker runs, every dossier waits at its first department.
            let rows = try await connection.query("SELECT code, channel, state, current_step FROM dossier ORDER BY id")
            #expect(rows.count == submissions.count)
            for row in rows {
                let code: String = try row.decode("code")
                let receipt = try #require(receipts.first { $0.dossierCode == code })
                #expect(try row.decode("channel", as: String.self) == receipt.channel)
                #expect(try row.decode("state", as: String.self) == "routed")
                #expect(try row.decode("current_step", as: Int?.self) == 1)
            }
        }
        let enterprises = submissions.filter { $0.procedure == Catalog.enterprise }.count
        let certifications = submissions.count - enterprises
        let before = try await MotcuaCLI.summary(database: database)
        #expect(
            before.departments == [
                .init(department: "STC", ready: enterprises, claimed: 0, completed: 0),
                .init(department: "STP", ready: certifications, claimed: 0, completed: 0),
            ])
        #expect(before.states == [.init(state: "routed", nationalCode: 4, dossiers: submissions.count)])

        let (_, exits) = try await MotcuaCLI.withWorkers(Catalog.departments.map { ($0, []) }, database: database) { _ in
            try await withTestConnection { connection in
                try await eventually("all \(codes.count) dossiers are resolved") {
                    try await resolvedCount(codes: codes, on: connection) == codes.count
                }
            }
        }
        for exit in exits {
            #expect(exit.status == 0, "\(exit)")
            #expect(!exit.log.contains("step failed"), "\(exit)")
        }

        let after = try await MotcuaCLI.summary(database: database)
        #expect(
            after.departments == [
                .init(department: "BHXH", ready: 0, claimed: 0, completed: enterprises),
                .init(department: "STC", ready: 0, claimed: 0, completed: enterprises),
                .init(department: "STP", ready: 0, claimed: 0, completed: certifications),
                .init(department: "THUE", ready: 0, claimed: 0, completed: enterprises),
            ])
        #expect(after.states == [.init(state: "resolved", nationalCode: 9, dossiers: submissions.count)])

        try await withTestConnection { connection in
            let logs = try await eventLogs(codes: codes, on: connection)
            for receipt in receipts {
                let expected = EventLine.resolvedLog(route: Catalog.route(receipt.procedureCode))
                #expect(logs[receipt.dossierCode] == expected, "event log of \(receipt.dossierCode)")
            }
            let unfinished = try await connection.count(
                "SELECT count(*) AS n FROM dossier WHERE resolved_at IS NULL OR current_step IS NOT NULL")
            #expect(unfinished == 0, "resolved dossiers have resolved_at and no current step")
        }
    }

    /// Workers already waiting (with a scan interval far longer than the test) are woken by the
    /// doorbell of intake and of each other's routing.
    @Test func runningWorkersAreWokenByNotifications() async throws {
        let database = TestDatabase.database.conninfo
        let idle = ["--scan-interval", "3600"]
        let (_, exits) = try await MotcuaCLI.withWorkers(Catalog.departments.map { ($0, idle) }, database: database) { workers in
            try await withTestConnection { connection in
                try await eventually("every worker listens on its department's channel") {
                    let listening = try await connection.count(
                        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'")
                    return listening == workers.count
                }
                // Two rounds: by the time the first is resolved every worker has finished its
                // start-up scan, so the second round can only be found through NOTIFY.
                for round in 1...2 {
                    var codes: [String] = []
                    for procedure in [Catalog.enterprise, Catalog.certification] {
                        codes.append(try await MotcuaCLI.submit(procedure: procedure, channel: "online", database: database).dossierCode)
                    }
                    try await eventually("round \(round) is resolved by the running workers") {
                        try await resolvedCount(codes: codes, on: connection) == codes.count
                    }
                    let logs = try await eventLogs(codes: codes, on: connection)
                    #expect(logs[codes[0]] == EventLine.resolvedLog(route: Catalog.route(Catalog.enterprise)))
                    #expect(logs[codes[1]] == EventLine.resolvedLog(route: Catalog.route(Catalog.certification)))
                }
            }
        }
        for exit in exits {
            #expect(exit.status == 0, "\(exit)")
            #expect(!exit.log.contains("step failed"), "\(exit)")
        }
        let summary = try await MotcuaCLI.summary(database: database)
        #expect(summary.states == [.init(state: "resolved", nationalCode: 9, dossiers: 4)])
    }

    /// Two workers of one department race for the same queue in small batches; SKIP LOCKED
    /// and the lease must hand every step to exactly one of them.
    @Test func twoWorkersOfOneDepartmentCompleteEveryStepExactlyOnce() async throws {
        let database = TestDatabase.database.conninfo
        let dossiers = 20
        var codes: [String] = []
        for index in 0..<dossiers {
            let channel = ["desk", "online", "post"][index % 3]
            codes.append(try await MotcuaCLI.submit(procedure: Catalog.enterprise, channel: channel, database: database).dossierCode)
        }
        #expect(Set(codes).count == dossiers)

        let batch = ["--batch-size", "2"]
        let specs: [(department: String, extra: [String])] = [("STC", batch), ("STC", batch), ("THUE", batch), ("BHXH", batch)]
        let (_, exits) = try await MotcuaCLI.withWorkers(specs, database: database) { _ in
            try await withTestConnection { connection in
                try await eventually("all \(dossiers) dossiers are resolved") {
                    try await resolvedCount(codes: codes, on: connection) == dossiers
                }
            }
        }
        for exit in exits {
            #expect(exit.status == 0, "\(exit)")
            #expect(!exit.log.contains("step failed"), "\(exit)")
        }

        try await withTestConnection { connection in
            // One work item per (dossier, step), each completed, at the step's department.
            let items = try await connection.query(
                """
                SELECT d.code, w.step_position, w.department_code, w.state, w.completed_at IS NOT NULL AS done,
                       w.claimed_by IS NULL AS released
                FROM work_item w JOIN dossier d ON d.id = w.dossier_id
                ORDER BY d.code, w.step_position
                """)
            #expect(items.count == dossiers * 3)
            var steps: [String: [String]] = [:]
            for item in items {
                let code: String = try item.decode("code")
                let department: String = try item.decode("department_code")
                steps[code, default: []].append(department)
                #expect(try item.decode("state", as: String.self) == "completed", "\(code) at \(department)")
                #expect(try item.decode("done", as: Bool.self), "\(code) at \(department) has completed_at")
                #expect(try item.decode("released", as: Bool.self), "\(code) at \(department) holds no claim")
            }
            for code in codes {
                #expect(steps[code] == ["STC", "THUE", "BHXH"], "work items of \(code)")
            }

            // Exactly one step_completed event per dossier and department.
            let completions = try await connection.query(
                """
                SELECT d.code, e.department_code, count(*) AS n
                FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
                WHERE e.kind = 'step_completed'
                GROUP BY d.code, e.department_code
                """)
            #expect(completions.count == dossiers * 3)
            for row in completions {
                let code: String = try row.decode("code")
                let department: String = try row.decode("department_code")
                #expect(try row.decode("n", as: Int.self) == 1, "step_completed events of \(code) at \(department)")
            }

            let logs = try await eventLogs(codes: codes, on: connection)
            for code in codes {
                #expect(logs[code] == EventLine.resolvedLog(route: Catalog.route(Catalog.enterprise)), "event log of \(code)")
            }
        }
        let summary = try await MotcuaCLI.summary(database: database)
        #expect(summary.departments == ["BHXH", "STC", "THUE"].map { .init(department: $0, ready: 0, claimed: 0, completed: dossiers) })
        #expect(summary.states == [.init(state: "resolved", nationalCode: 9, dossiers: dossiers)])
    }

    /// Codes are `<agency e-ID>-yymmdd-NNNN`: the agency of the procedure's department, the day
    /// of receipt in Vietnam time, and a per-agency daily sequence with no gaps.
    private func checkCodes(receipts: [ReceiptJSON], on connection: Connection) async throws {
        let pattern = #/([0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})-([0-9]{6})-([0-9]{4})/#
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        var sequences: [String: [Int]] = [:]
        for receipt in receipts {
            let match = try #require(receipt.dossierCode.wholeMatch(of: pattern), "dossier code \(receipt.dossierCode)")
            let receivedAt: Date = try await connection.query(
                "SELECT received_at FROM dossier WHERE code = $1", [receipt.dossierCode]
            ).single().decode("received_at")
            let day = calendar.dateComponents([.year, .month, .day], from: receivedAt)
            let yymmdd = String(format: "%02d%02d%02d", (day.year ?? 0) % 100, day.month ?? 0, day.day ?? 0)
            #expect(String(match.output.2) == yymmdd, "\(receipt.dossierCode) was received on \(yymmdd) in Vietnam")
            sequences["\(match.output.1)-\(match.output.2)", default: []].append(Int(match.output.3) ?? -1)
        }
        for (prefix, numbers) in sequences {
            #expect(numbers == Array(1...numbers.count), "sequence numbers of \(prefix) run 1, 2, … in order of receipt")
        }
    }
}
