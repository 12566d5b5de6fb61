import MotCua
import Postgres
import TestSupport
import Testing

/// The state machine in Swift (pure).
struct DossierTransitionsTests {
    @Test func everyStateIsReachableAndFinalStatesLeadNowhere() {
        var reached = DossierTransitions.initial
        var frontier = Array(reached)
        while let state = frontier.popLast() {
            for next in DossierTransitions.allowed[state, default: []] where reached.insert(next).inserted { frontier.append(next) }
        }
        #expect(reached == Set(DossierState.allCases))
        #expect(Set(DossierState.allCases.filter(\.isFinal)) == [.refused, .stopped, .returned])
        #expect(Set(DossierTransitions.allowed.keys) == Set(DossierState.allCases), "every state has a row")
    }

    @Test func anIllegalChangeNamesTheDossierItsStateAndWhatIsAllowed() {
        #expect(DossierTransitions.isAllowed(from: .routed, to: .routed), "a live dossier may stay while its work moves")
        #expect(!DossierTransitions.isAllowed(from: .returned, to: .returned))
        #expect(!DossierTransitions.isAllowed(from: nil, to: .resolved))
        let error = #expect(throws: MotCuaError.self) {
            try DossierTransitions.require(dossier: "000.00.16.H19-260504-0001", from: .resolved, to: .routed)
        }
        #expect(
            error?.description
                == "dossier 000.00.16.H19-260504-0001 is resolved and cannot become routed; from resolved it can become returned; nothing was changed")
    }
}

/// The same state machine in the database: its table, its trigger, its CHECK constraints.
@Suite(.database) struct DatabaseStateMachineTests {
    @Test func theDatabaseTableIsTheSwiftTable() async throws {
        let connection = try await TestDatabase.connect()
        let rows = try await connection.query("SELECT from_state, to_state FROM dossier_transition").map { row in
            "\(try row.decode("from_state", as: String?.self) ?? "-")>\(try row.decode("to_state", as: String.self))"
        }
        let swift =
            DossierTransitions.initial.map { "->\($0.rawValue)" }
            + DossierTransitions.allowed.flatMap { from, targets in targets.map { "\(from.rawValue)>\($0.rawValue)" } }
        #expect(Set(rows) == Set(swift))
        #expect(rows.count == swift.count)
        await connection.close()
    }

    @Test func anIllegalChangeIsRefusedEvenFromPlainSQLAndNothingIsWritten() async throws {
        let connection = try await TestDatabase.connect()
        let receipt = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        let before = try await counts(connection)
        let error = await #expect(throws: PostgresError.self) {
            try await connection.query("UPDATE dossier SET state = 'returned' WHERE code = $1", [receipt.dossierCode])
        }
        #expect(error?.sqlState == SQLState.checkViolation)
        #expect(
            error?.message
                == "dossier \(receipt.dossierCode) is routed and cannot become returned; from routed it can become assigned, resolved, stopped, withdrawal_requested; nothing was changed"
        )
        await #expect(throws: PostgresError.self) {
            try await connection.query("UPDATE dossier SET state = 'no_such_state' WHERE code = $1", [receipt.dossierCode])
        }
        await #expect(throws: PostgresError.self, "a dossier cannot be recorded already resolved") {
            try await connection.query(
                """
                INSERT INTO dossier (code, procedure_code, procedure_version, channel, state, submitted_at)
                VALUES ('x-1', '2.000815', 1, 'desk', 'resolved', motcua_now())
                """)
        }
        #expect(try await counts(connection) == before)
        let state: String = try await connection.query("SELECT state FROM dossier WHERE code = $1", [receipt.dossierCode]).single().decode("state")
        #expect(state == "routed")
        await connection.close()
    }

    @Test func storedStatesAndKindsAreChecked() async throws {
        let connection = try await TestDatabase.connect()
        _ = try await IntakeService().submit(try await SampleIntake.make("2.000815", on: connection), on: connection)
        for statement in [
            "UPDATE work_item SET state = 'done'",
            "UPDATE dossier_event SET kind = 'teleported'",
            "UPDATE dossier_event SET to_state = 'lost'",
        ] {
            await #expect(throws: PostgresError.self, "\(statement)") { try await connection.query(statement) }
        }
        await connection.close()
    }

    /// An unknown raw value read from a row is an error naming the column, never a default
    /// (`?? .automatic` would once have let a worker auto-complete a step kind it did not know).
    @Test func unknownRawValuesAreRefusedOnDecoding() async throws {
        let connection = try await TestDatabase.connect()
        let row = try await connection.query(
            "SELECT 'teleport'::text AS kind, 'lost'::text AS state, 'pigeon'::text AS channel, 'vanished'::text AS event, 'done'::text AS work"
        ).single()
        for (column, decode) in [
            ("kind", { _ = try row.decode("kind", as: StepKind.self) }),
            ("state", { _ = try row.decode("state", as: DossierState.self) }),
            ("channel", { _ = try row.decode("channel", as: Channel.self) }),
            ("event", { _ = try row.decode("event", as: DossierEventKind.self) }),
            ("work", { _ = try row.decode("work", as: WorkItemState.self) }),
        ] as [(String, () throws -> Void)] {
            let error = #expect(throws: PostgresError.self) { try decode() }
            #expect(error?.message.contains("column \"\(column)\"") == true)
            #expect(error?.kind == .decoding)
        }
        await connection.close()
    }

    func counts(_ connection: Connection) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["dossier", "dossier_event", "work_item", "applicant"] {
            counts.append(try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n"))
        }
        return counts
    }
}
