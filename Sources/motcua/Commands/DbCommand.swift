import ArgumentParser
import MotCua
import Postgres

/// `motcua db start|stop|status|url`: the embedded PostgreSQL cluster.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL cluster (the default database).",
        discussion:
            "The cluster lives in .motcua/postgres under the current folder (or MOTCUA_HOME), on a private socket; when run as root it runs as the postgres user.",
        subcommands: [Start.self, Stop.self, Status.self, URL.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Initialise (first time) and start the cluster, and create the motcua database.")
        func run() async throws {
            let embedded = try EmbeddedDatabase.default()
            try await embedded.start()
            print("embedded PostgreSQL running in \(embedded.directory)")
            print(try embedded.runningURL())
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the cluster.")
        func run() async throws {
            let embedded = try EmbeddedDatabase.default()
            try embedded.stop()
            print("embedded PostgreSQL stopped (\(embedded.directory))")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the cluster is running; exit 3 when it is not.")
        func run() async throws {
            let embedded = try EmbeddedDatabase.default()
            switch try embedded.cluster.state() {
            case .running: print("running in \(embedded.directory)")
            case .stopped:
                print("stopped (\(embedded.directory))")
                throw ExitCode(3)
            case .notInitialized:
                print("not initialised (\(embedded.directory)); run `motcua db start`")
                throw ExitCode(3)
            }
        }
    }

    struct URL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the connection URL of the running cluster (for psql, pgbench, MOTCUA_DATABASE_URL).")
        func run() async throws {
            print(try EmbeddedDatabase.default().runningURL())
        }
    }
}
