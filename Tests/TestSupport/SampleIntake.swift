import Foundation
import MotCua

/// Valid submissions for tests, built from the demo's fictional applicants.
public enum SampleIntake {
    /// A validated submission of `procedure` with every document handed in.
    public static func make(
        _ procedure: String, channel: Channel = .desk, submittedAt: Date? = nil, idempotencyKey: String? = nil, index: Int = 0,
        now: Date = Date()
    ) throws -> ValidatedIntake {
        var request = SampleSubmissions.request(index: index, procedure: procedure, channel: channel, idempotencyKey: idempotencyKey)
        request.submittedAt = submittedAt
        return try ValidatedIntake(request, now: max(now, submittedAt ?? now))
    }
}
