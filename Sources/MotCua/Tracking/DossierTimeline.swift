import CivilTime
import Foundation
import Postgres

/// A dossier's timeline for officers: who holds it now, how its appointment date was reached
/// (receipt, limit, the pauses of officers' supplement requests), and the process-control slip
/// (Mẫu 05): one line per hand-over with who sent it, to whom, when and with what result, all
/// rendered from its events. Names no applicant.
public struct DossierTimeline: Sendable, Codable, Equatable {
    /// One hand-over line of the process-control slip.
    public struct HandOver: Sendable, Codable, Equatable {
        public let at: Date
        public let kind: DossierEventKind
        /// Who acted: a desk, a worker, an officer or a supervisor.
        public let by: String
        /// The department that acted, when one did.
        public let department: String?
        /// Where the dossier went: the next department, the officer it was given to.
        public let to: String?
        /// The state it was in afterwards.
        public let result: DossierState
        /// The decision, reason or note the event carries.
        public let note: String?
    }

    /// A pause of the clock: an officer's supplement request until its receipt (nil: still waiting).
    public struct Pause: Sendable, Codable, Equatable {
        public let from: Date
        public let until: Date?
    }

    /// The department and officer holding the live step, if any.
    public let holder: String?
    public let receivedAt: Date?
    /// The procedure version's limit, as the catalog states it (`3 working days`).
    public let timeLimit: String
    public let pauses: [Pause]
    public let dueDate: CalendarDate?
    public let handOvers: [HandOver]

    /// Reads the timeline of dossier `id` inside the caller's transaction.
    static func read(dossierID id: Int64, on connection: isolated Connection) throws -> DossierTimeline {
        let head = try connection.query(headStatement, [id]).single()
        var pauses: [Pause] = []
        let handOvers = try connection.query(eventsStatement, [id]).map { row -> HandOver in
            let kind: DossierEventKind = try row.decode("kind")
            let at: Date = try row.decode("at")
            let from: String? = try row.decode("from_state")
            if kind == .supplementRequested, from != nil, pauses.last.map({ $0.until != nil }) ?? true { pauses.append(Pause(from: at, until: nil)) }
            if kind == .supplementReceived, let open = pauses.last, open.until == nil { pauses[pauses.count - 1] = Pause(from: open.from, until: at) }
            return HandOver(
                at: at, kind: kind, by: try row.decode("actor"), department: try row.decode("department_code"), to: try row.decode("to"),
                result: try row.decode("to_state"), note: try row.decode("note"))
        }
        let limit = TimeLimit(value: try head.decode("time_limit"), unit: try head.decode("time_limit_unit"))
        return DossierTimeline(
            holder: try head.decode("holder"), receivedAt: try head.decode("received_at"), timeLimit: limit?.description ?? "",
            pauses: pauses, dueDate: try head.decode("due_date"), handOvers: handOvers)
    }

    /// `$1` dossier: its receipt, due date, limit and the holder of its live step.
    static let headStatement = """
        SELECT d.received_at, d.due_date, p.time_limit, p.time_limit_unit,
               (SELECT w.department_code || coalesce(' — ' || w.assigned_officer, '') FROM work_item w
                WHERE w.dossier_id = d.id AND w.state <> 'completed' ORDER BY w.step_position LIMIT 1) AS holder
        FROM dossier d JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        WHERE d.id = $1
        """

    /// `$1` dossier: every event in order, with where it sent the dossier (intake's `routed`
    /// names its receiving department) and its note.
    static let eventsStatement = """
        SELECT at, kind, actor, CASE WHEN kind = 'routed' THEN NULL ELSE department_code END AS department_code, from_state, to_state,
               coalesce(details->>'to_department', details->>'officer', CASE WHEN kind = 'routed' THEN department_code END) AS "to",
               coalesce(details->>'reason', details->>'note', details->>'decision', details->>'items', details->>'new_date', details->>'reference',
                        details->>'question', details->>'opinion') AS note
        FROM dossier_event WHERE dossier_id = $1 ORDER BY id
        """
}
