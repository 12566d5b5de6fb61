import Foundation
import MotCua
import MotCuaDemo
import Postgres

/// Valid submissions for tests, built from the demo's fictional applicants.
public enum SampleIntake {
    /// A validated submission of `procedure` with every document handed in, validated at the
    /// database's business time (or at `submittedAt` when that is later).
    public static func make(
        _ procedure: String, channel: Channel = .desk, submittedAt: Date? = nil, idempotencyKey: String? = nil, index: Int = 0,
        on connection: Connection
    ) async throws -> ValidatedIntake {
        var request = SampleSubmissions.request(index: index, procedure: procedure, channel: channel, idempotencyKey: idempotencyKey)
        let now = try await DatabaseClock.now(on: connection)
        request.submittedAt = submittedAt ?? now
        return try ValidatedIntake(request, now: max(now, submittedAt ?? now))
    }
}
