import CivilTime
import Foundation
import Postgres

/// The official calendar decisions stored in `calendar_override`, and the working calendar
/// they make over the computed default.
public enum CalendarStore {
    /// Every stored decision, by date.
    public static func overrides(on connection: Connection) async throws -> [CalendarOverride] {
        try await connection.query(overridesStatement).map { row in
            CalendarOverride(date: try row.decode("day"), kind: try row.decode("kind"), reason: try row.decode("reason"), document: try row.decode("document"))
        }
    }

    static let overridesStatement = "SELECT day, kind, reason, document FROM calendar_override ORDER BY day"

    /// The working calendar: computed holidays with the stored decisions over them.
    public static func calendar(on connection: Connection) async throws -> WorkingCalendar {
        WorkingCalendar(overrides: try await overrides(on: connection))
    }

    /// The years the calendar is kept for, for showing and for decisions alike.
    public static let supportedYears = 1990...2100

    /// What recording or removing a decision changed.
    public struct Change: Sendable, Equatable {
        /// The day.
        public let date: CalendarDate
        /// What the day was before: a holiday's name, a decision's reason, or nil for an ordinary day.
        public let replaced: String?
        /// Whether the day was worked before, and is worked now.
        public let wasWorking: Bool
        public let isWorking: Bool
        /// Open dossiers (not yet resolved) whose appointment date is on or after the day, when
        /// the change made a working day off or the reverse; their appointment dates stand.
        public let openDossiersDueFromThen: Int
    }

    /// Records (or replaces) the decision for one day, with its log entry by `actor`. Making a
    /// statutory holiday a working day cancels the holiday, so it needs `overrideStatutory`.
    public static func set(_ decision: CalendarOverride, overrideStatutory: Bool = false, actor: String, on connection: Connection) async throws
        -> Change
    {
        try requireSupported(decision.date)
        let before = try await calendar(on: connection)
        let holiday = before.holidays(in: decision.date.year).first { $0.date == decision.date }
        if decision.kind == .workingDay, let holiday, holiday.kind == .statutory, !overrideStatutory {
            throw MotCuaError.invalidInput(
                field: "--working",
                reason:
                    "\(decision.date) is the statutory holiday \(holiday.vietnameseName) (\(holiday.source)); a working day would cancel it: give --override-statutory if the decision really does"
            )
        }
        let replaced =
            holiday.map { "\($0.kind == .statutory ? "statutory holiday" : "day off") \($0.vietnameseName)" }
            ?? before.makeUpWorkingDays(in: decision.date.year).first { $0.date == decision.date }.map { "make-up working day (\($0.reason))" }
        return try await connection.transaction { connection in
            try connection.query(setStatement, [decision.date, decision.kind, decision.reason, decision.document])
            try WorkingDayTable.publish(WorkingCalendar(overrides: before.overrides.filter { $0.date != decision.date } + [decision]), on: connection)
            var details = ["kind": decision.kind.rawValue, "document": decision.document]
            if let replaced { details["replaces"] = replaced }
            try ReferenceLog.append(
                .calendarDecisionRecorded, subject: "calendar \(decision.date)", actor: actor, reason: decision.reason, details: details, on: connection)
            return try change(
                of: decision.date, replaced: replaced, wasWorking: before.isWorkingDay(decision.date), isWorking: decision.kind == .workingDay, on: connection)
        }
    }

    /// Removes the decision for one day (the computed calendar applies again), with its log
    /// entry by `actor`. Throws when the day has no decision.
    public static func unset(_ date: CalendarDate, reason: String, actor: String, on connection: Connection) async throws -> Change {
        try requireSupported(date)
        let before = try await calendar(on: connection)
        return try await connection.transaction { connection in
            guard let removed = try connection.query(unsetStatement, [date]).first else {
                throw MotCuaError.invalidInput(field: "\(date)", reason: "has no recorded decision; `motcua calendar show \(date.year)` lists them")
            }
            let kind: CalendarOverride.Kind = try removed.decode("kind")
            let document: String = try removed.decode("document")
            try ReferenceLog.append(
                .calendarDecisionRemoved, subject: "calendar \(date)", actor: actor, reason: reason, details: ["kind": kind.rawValue, "document": document],
                on: connection)
            let after = WorkingCalendar(overrides: before.overrides.filter { $0.date != date })
            try WorkingDayTable.publish(after, on: connection)
            let isWorking = after.isWorkingDay(date)
            return try change(of: date, replaced: "decision \(document)", wasWorking: before.isWorkingDay(date), isWorking: isWorking, on: connection)
        }
    }

    private static func requireSupported(_ date: CalendarDate) throws {
        guard supportedYears.contains(date.year) else {
            throw MotCuaError.invalidInput(
                field: "\(date)", reason: "is outside the calendar's years \(supportedYears.lowerBound)–\(supportedYears.upperBound)")
        }
    }

    private static func change(of date: CalendarDate, replaced: String?, wasWorking: Bool, isWorking: Bool, on connection: isolated Connection) throws
        -> Change
    {
        let open = DossierState.allCases.filter { !$0.isFinal && $0 != .resolved && $0 != .withdrawalRequested }
        let due: Int = wasWorking == isWorking ? 0 : try connection.query(openDueFromStatement, [date, open]).single().decode("n")
        return Change(date: date, replaced: replaced, wasWorking: wasWorking, isWorking: isWorking, openDossiersDueFromThen: due)
    }

    /// `$1` day, `$2` kind, `$3` reason, `$4` document (the decision's number).
    static let setStatement = """
        INSERT INTO calendar_override (day, kind, reason, document) VALUES ($1, $2, $3, $4)
        ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason, document = EXCLUDED.document, created_at = motcua_now()
        """

    /// `$1` day.
    static let unsetStatement = "DELETE FROM calendar_override WHERE day = $1 RETURNING kind, document"

    /// `$1` day, `$2` the open states.
    static let openDueFromStatement = "SELECT count(*) AS n FROM dossier WHERE due_date >= $1 AND state = ANY ($2)"
}
