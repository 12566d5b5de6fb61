import Foundation
import MotCua
import Postgres

/// `motcua bench client`: statement and transaction rates of this project's libpq client on one
/// connection, against pgbench running the same statements on the same database, interleaved
/// round by round (A B A B …) so a change in disk speed hits both alike.
public struct ClientBenchmark: Sendable {
    /// One workload's result.
    public struct Result: Sendable, Codable {
        /// `statement` (a primary-key SELECT) or `transaction` (BEGIN; UPDATE; COMMIT).
        public let workload: String
        /// Median operations per second of this client.
        public let clientMedian: Double
        /// Median operations per second of pgbench.
        public let pgbenchMedian: Double
        /// clientMedian ÷ pgbenchMedian.
        public let ratio: Double
        /// Every round's client figure, in order.
        public let clientRounds: [Double]
        /// Every round's pgbench figure, in order.
        public let pgbenchRounds: [Double]
    }

    /// The whole run: settings and results.
    public struct Report: Sendable, Codable {
        public let settings: [String: String]
        public let secondsPerRound: Int
        public let results: [Result]
    }

    /// The database to measure.
    public let conninfo: String
    /// Rounds per workload (each round runs pgbench, then the client).
    public let rounds: Int
    /// Seconds each side runs per round.
    public let seconds: Int

    /// Creates a benchmark.
    public init(conninfo: String, rounds: Int, seconds: Int) {
        self.conninfo = conninfo
        self.rounds = rounds
        self.seconds = seconds
    }

    static let keys = 1000
    static let statementSQL = "SELECT v FROM bench_client_kv WHERE k = $1"
    static let updateSQL = "UPDATE bench_client_kv SET v = v + 1 WHERE k = $1"

    /// Runs both workloads and drops the benchmark table afterwards.
    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        let pgbench = try Pgbench.locate()
        let connection = try await Connection.connect(conninfo)
        try await connection.execute(
            """
            DROP TABLE IF EXISTS bench_client_kv;
            CREATE TABLE bench_client_kv (k integer PRIMARY KEY, v bigint NOT NULL);
            INSERT INTO bench_client_kv SELECT g, 0 FROM generate_series(1, \(Self.keys)) g;
            """)
        try await connection.execute("VACUUM ANALYZE bench_client_kv")
        let settings = try await BenchmarkSampling.settings(on: connection)
        let workloads: [(String, String, @Sendable (isolated Connection, Int) throws -> Void)] = [
            (
                "statement", "\\set k random(1, \(Self.keys))\nSELECT v FROM bench_client_kv WHERE k = :k;\n",
                { connection, key in try connection.query(Self.statementSQL, [key]) }
            ),
            (
                "transaction", "\\set k random(1, \(Self.keys))\nBEGIN;\nUPDATE bench_client_kv SET v = v + 1 WHERE k = :k;\nCOMMIT;\n",
                { connection, key in _ = try connection.transaction { try $0.query(Self.updateSQL, [key]) } }
            ),
        ]
        var results: [Result] = []
        for (name, script, operation) in workloads {
            var clientRounds: [Double] = []
            var pgbenchRounds: [Double] = []
            for round in 1...rounds {
                let raw = try pgbench.transactionsPerSecond(script: script, clients: 1, seconds: seconds, conninfo: conninfo)
                let ours = try await rate(connection, operation)
                pgbenchRounds.append(raw)
                clientRounds.append(ours)
                progress("\(name) round \(round)/\(rounds): pgbench \(Int(raw))/s, client \(Int(ours))/s")
            }
            let client = BenchmarkSampling.median(clientRounds)
            let raw = BenchmarkSampling.median(pgbenchRounds)
            results.append(
                Result(
                    workload: name, clientMedian: client, pgbenchMedian: raw, ratio: raw > 0 ? client / raw : 0, clientRounds: clientRounds,
                    pgbenchRounds: pgbenchRounds))
        }
        try await connection.execute("DROP TABLE bench_client_kv")
        await connection.close()
        return Report(settings: settings, secondsPerRound: seconds, results: results)
    }

    /// Operations per second of `operation` run back to back for `seconds` on one connection.
    private func rate(_ connection: Connection, _ operation: @escaping @Sendable (isolated Connection, Int) throws -> Void) async throws -> Double {
        let seconds = self.seconds
        return try await connection.run { connection in
            var count = 0
            let clock = ContinuousClock()
            let start = clock.now
            let end = start + .seconds(seconds)
            while clock.now < end {
                for _ in 0..<64 {
                    try operation(connection, Int.random(in: 1...Self.keys))
                }
                count += 64
            }
            let elapsed = clock.now - start
            return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
