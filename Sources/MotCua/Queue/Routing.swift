import Postgres

/// A dossier's route: the steps of its procedure version in order. Intake routes to step 1
/// (``IntakeRecord``), a completed step to the next (``StepCompletion``); the caller rings the
/// department's ``Doorbell`` after committing.
enum Routing {
    /// The step after `position` in a procedure version's route, or `nil` at the end.
    struct Step {
        let position: Int
        let department: String
        let kind: StepKind
    }

    static func step(after position: Int, procedure: String, version: Int, on connection: isolated Connection) throws -> Step? {
        let rows = try connection.query(nextStepStatement, [procedure, version, position])
        guard let row = rows.first else { return nil }
        return Step(position: try row.decode("position"), department: try row.decode("department_code"), kind: try row.decode("kind"))
    }

    /// `$1` procedure, `$2` version, `$3` the position of the step before (0 for the first).
    static let nextStepStatement = "SELECT position, department_code, kind FROM route_next_step($1, $2::integer, $3::integer)"
}
