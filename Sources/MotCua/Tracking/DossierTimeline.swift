import CivilTime
import Foundation
import Postgres

/// A dossier's timeline for officers: who holds it now, how its appointment date was reached
/// (receipt, limit, the pauses of supplement and payment requests and of excluded steps), each
/// step's allowance and what it used, and the process-control slip
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

    /// One step of the route as the dossier went through it: the department's allowance in
    /// working days and what it used, so a late dossier shows which department made it late.
    public struct StepUse: Sendable, Codable, Equatable {
        public let position: Int
        public let department: String
        public let kind: StepKind
        /// The catalog's allowance in working days, when the route gives one.
        public let allowance: Decimal?
        /// The law excludes the step's time from the limit (it paused the clock instead).
        public let excludedFromLimit: Bool
        public let arrivedAt: Date
        /// When the department finished it; nil while under way.
        public let completedAt: Date?
        /// Working days from its arrival to its completion (or to today while under way); the
        /// day of arrival is not counted, as for the dossier's own limit.
        public let workingDaysUsed: Int
        /// It used more than its allowance (never for an excluded step).
        public var overAllowance: Bool { !excludedFromLimit && allowance.map { Decimal(workingDaysUsed) > $0 } ?? false }
    }

    /// The department and officer holding the live step, if any.
    public let holder: String?
    public let receivedAt: Date?
    /// The procedure version's limit, as the catalog states it (`3 working days`).
    public let timeLimit: String
    /// The intervals the clock stood still: supplement and payment requests, excluded steps.
    public let pauses: [ClockPause]
    /// The law's appointment date: the receipt's, moved by the pauses alone.
    public let dueDate: CalendarDate?
    /// The apology slip's new date promised to the applicant, moved by the pauses after it.
    public let promisedDate: CalendarDate?
    /// The route's steps so far, with their allowance and what they used.
    public let steps: [StepUse]
    public let handOvers: [HandOver]

    /// Reads the timeline of dossier `id` inside the caller's transaction, counting working
    /// days on `calendar`.
    static func read(dossierID id: Int64, calendar: WorkingCalendar, on connection: isolated Connection) throws -> DossierTimeline {
        let head = try connection.query(headStatement, [id]).single()
        let handOvers = try connection.query(eventsStatement, [id]).map { row -> HandOver in
            HandOver(
                at: try row.decode("at"), kind: try row.decode("kind"), by: try row.decode("actor"), department: try row.decode("department_code"),
                to: try row.decode("to"), result: try row.decode("to_state"), note: try row.decode("note"))
        }
        let today = VietnamTime.day(of: try DatabaseClock.now(on: connection))
        let steps = try connection.query(DossierDeadline.stepsStatement, [id]).map { row -> StepUse in
            let arrived: Date = try row.decode("created_at")
            let completed: Date? = try row.decode("completed_at")
            return StepUse(
                position: try row.decode("step_position"), department: try row.decode("department_code"), kind: try row.decode("kind"),
                allowance: try row.decode("allowance"), excludedFromLimit: try row.decode("excluded_from_limit"), arrivedAt: arrived,
                completedAt: completed,
                workingDaysUsed: calendar.workingDays(from: VietnamTime.day(of: arrived), to: completed.map(VietnamTime.day(of:)) ?? today))
        }
        let limit = TimeLimit(value: try head.decode("time_limit"), unit: try head.decode("time_limit_unit"))
        return DossierTimeline(
            holder: try head.decode("holder"), receivedAt: try head.decode("received_at"), timeLimit: limit?.description ?? "",
            pauses: try DossierDeadline.pauses(of: id, on: connection), dueDate: try head.decode("due_date"), promisedDate: try head.decode("promised_date"),
            steps: steps, handOvers: handOvers)
    }

    /// `$1` dossier: its receipt, due date, limit and the holder of its live step.
    static let headStatement = """
        SELECT d.received_at, d.due_date, d.promised_date, p.time_limit, p.time_limit_unit, \(DossierStore.holderExpression) AS holder
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
