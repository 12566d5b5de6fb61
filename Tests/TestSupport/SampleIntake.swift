import Foundation
import MotCua
import MotCuaDemo
import Postgres

/// Valid submissions for tests, built from the demo's fictional applicants.
public enum SampleIntake {
    /// A validated submission of `procedure` with every document handed in, validated at the
    /// database's business time. With `submittedAt`, the submission is recorded live at that
    /// instant: the database's simulated clock is set there first (a test that needs a
    /// particular instant sets its own), so historical cases need no late-entry reason.
    public static func make(
        _ procedure: String, channel: Channel = .desk, submittedAt: Date? = nil, idempotencyKey: String? = nil, index: Int = 0,
        on connection: Connection
    ) async throws -> ValidatedIntake {
        var request = SampleSubmissions.request(index: index, procedure: procedure, channel: channel, idempotencyKey: idempotencyKey)
        if let submittedAt {
            try await DatabaseClock.simulate(at: submittedAt, on: connection)
            request.submittedAt = submittedAt
        }
        return try ValidatedIntake(request, now: try await DatabaseClock.now(on: connection))
    }
}
