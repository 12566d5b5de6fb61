import CivilTime
import Foundation
import Postgres

/// Records submissions. One statement writes a whole group of them — applicants, dossiers
/// with their codes, documents handed in, events, the personal-data access of printing the
/// slip, and for received dossiers the work item of the first department — and a single
/// statement is a transaction of its own, so all of a group happens or none of it does. A
/// group shares one commit (group commit), which is what makes batch intake fast.
///
/// After each group commits, it rings the first departments' ``Doorbell``.
public struct IntakeService: Sendable {
    /// Who is recorded as the actor (a desk ID, `online-portal`, …).
    public let actor: String
    /// The most submissions written in one statement.
    public let groupSize: Int
    private let procedures = ExpiringCache<ProcedureKey, ProcedureTerms>()
    private let calendars = ExpiringCache<Int, WorkingCalendar>()

    private struct ProcedureKey: Hashable, Sendable {
        let code: String
        let day: CalendarDate
    }

    /// Creates the service for an actor.
    public init(actor: String = "intake", groupSize: Int = 64) {
        self.actor = actor
        self.groupSize = max(1, groupSize)
    }

    /// Handles one validated submission; a submission whose idempotency key was seen before
    /// returns the first result and changes nothing.
    public func submit(_ intake: ValidatedIntake, on connection: Connection) async throws -> IntakeResult {
        try await submit([intake], on: connection)[0]
    }

    /// Handles submissions and returns one result per submission, in input order.
    ///
    /// The whole batch is validated against the catalog first (procedures in force, documents
    /// of their lists): any error names its submission, and then nothing is written. The
    /// submissions are then written in groups of up to ``groupSize`` of one agency each (in
    /// input order within the agency, so its codes follow the input), and after each group
    /// commits its first departments' ``Doorbell`` rings. Grouping by agency matters because a
    /// group holds its agencies' day counters until it commits: groups of different agencies
    /// never wait for each other. A failure while writing throws ``IntakeInterrupted`` with the
    /// results of the groups already recorded.
    public func submit(_ intakes: [ValidatedIntake], on connection: Connection) async throws -> [IntakeResult] {
        let plans = try await plan(intakes, on: connection)
        var byAgency: [String: [Int]] = [:]
        var agencies: [String] = []
        for (index, plan) in plans.enumerated() {
            let agency = plan.terms.agencyEID
            if byAgency[agency] == nil { agencies.append(agency) }
            byAgency[agency, default: []].append(index)
        }
        var results = [IntakeResult?](repeating: nil, count: intakes.count)
        for agency in agencies {
            let indices = byAgency[agency]!
            for start in stride(from: 0, to: indices.count, by: groupSize) {
                let group = Array(indices[start..<min(start + groupSize, indices.count)])
                let written: [IntakeResult]
                do {
                    written = try await submitGroup(group.map { plans[$0] }, on: connection)
                } catch let error as MotCuaError {
                    throw results.contains { $0 != nil } ? interrupted(results, cause: error.description) : error
                } catch let error as PostgresError {
                    throw results.contains { $0 != nil } ? interrupted(results, cause: error.description) : error
                }
                for (index, result) in zip(group, written) { results[index] = result }
                try? await Doorbell.ring(written.compactMap(\.firstDepartment), on: connection)
            }
        }
        return results.map { $0! }
    }

    private func interrupted(_ results: [IntakeResult?], cause: String) -> IntakeInterrupted {
        IntakeInterrupted(
            recorded: results.enumerated().compactMap { index, result in result.map { (index, $0) } },
            total: results.count, cause: cause)
    }

    /// Plans every submission before anything is written; the errors of all of them are
    /// reported together, each with its submission's place.
    private func plan(_ intakes: [ValidatedIntake], on connection: Connection) async throws -> [IntakePlan] {
        let calendar = try await calendars.value(for: 0, loading: { try await CalendarStore.calendar(on: connection) })
        var plans: [IntakePlan] = []
        var problems: [String] = []
        for (index, intake) in intakes.enumerated() {
            do {
                plans.append(try IntakePlan(intake, terms: try await terms(for: intake, on: connection), calendar: calendar))
            } catch let error as MotCuaError {
                guard intakes.count > 1 || intake.place != nil else { throw error }
                problems.append("\(intake.place ?? "submission \(index + 1)"): \(error)")
            }
        }
        problems += try await keyConflicts(plans, single: intakes.count == 1 && intakes[0].place == nil, on: connection)
        guard problems.isEmpty else {
            throw MotCuaError.invalidInput(
                field: "batch",
                reason: "\(problems.count) of \(intakes.count) submissions are invalid; nothing was recorded:\n" + problems.joined(separator: "\n"))
        }
        return plans
    }

    /// An idempotency key means one submission: a key already used (or used earlier in the same
    /// batch) for other content is a conflict, never the first submission's receipt. Returns
    /// the problems by place; for a lone submission, throws its conflict.
    private func keyConflicts(_ plans: [IntakePlan], single: Bool, on connection: Connection) async throws -> [String] {
        let keyed = plans.enumerated().filter { $0.element.intake.idempotencyKey != nil }
        guard !keyed.isEmpty else { return [] }
        var conflicting = try await IntakeRecord.conflictingKeys(
            keyed.map { $0.element.intake.idempotencyKey! }, canonicalForms: keyed.map(\.element.intake.canonicalForm), on: connection)
        var first: [String: String] = [:]
        var problems: [String] = []
        for (index, plan) in keyed {
            let key = plan.intake.idempotencyKey!
            let canonical = plan.intake.canonicalForm
            if let seen = first[key] {
                if seen != canonical { conflicting.insert(key) }
            } else {
                first[key] = canonical
            }
            guard conflicting.contains(key) else { continue }
            if single { throw MotCuaError.idempotencyConflict(key: key) }
            problems.append("\(plan.intake.place ?? "submission \(index + 1)"): \(MotCuaError.idempotencyConflict(key: key))")
        }
        return problems
    }

    private func submitGroup(_ group: [IntakePlan], on connection: Connection) async throws -> [IntakeResult] {
        var earlier = try await retried(group, on: connection)
        var plans: [IntakePlan] = []
        var firstWithKey: Set<String> = []
        for plan in group {
            if let key = plan.intake.idempotencyKey {
                // A key seen before, or twice in this group, is a retry: it gets the first result.
                guard earlier[key] == nil, firstWithKey.insert(key).inserted else { continue }
            }
            plans.append(plan)
        }
        do {
            let stored = try await IntakeRecord.insert(plans, actor: actor, on: connection)
            var unkeyed: [IntakeResult] = []
            for (plan, row) in zip(plans, stored) {
                let result = plan.result(row)
                if let key = plan.intake.idempotencyKey { earlier[key] = result } else { unkeyed.append(result) }
            }
            var next = unkeyed.makeIterator()
            return group.map { plan in plan.intake.idempotencyKey.flatMap { earlier[$0] } ?? next.next()! }
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == "dossier_idempotency_key_key" {
            // A concurrent retry of one of these submissions committed first: nothing of this
            // group was written; take them one at a time so each retry gets its first result.
            guard group.count > 1 else {
                guard let key = group[0].intake.idempotencyKey, let first = try await retried(group, on: connection)[key] else { throw error }
                guard try await IntakeRecord.conflictingKeys([key], canonicalForms: [group[0].intake.canonicalForm], on: connection).isEmpty else {
                    throw MotCuaError.idempotencyConflict(key: key)
                }
                return [first]
            }
            var results: [IntakeResult] = []
            for plan in group { results += try await submitGroup([plan], on: connection) }
            return results
        } catch let error as PostgresError where error.sqlState == SQLState.checkViolation && error.constraint == "dossier_code_counter_last_number_check" {
            throw MotCuaError.dailySequenceExhausted
        }
    }

    /// The first results of the submissions of `group` whose keys were seen before, each with a
    /// fresh tracking secret (the retry's slip is the one the applicant keeps).
    private func retried(_ group: [IntakePlan], on connection: Connection) async throws -> [String: IntakeResult] {
        var earlier = try await IntakeRecord.results(idempotencyKeys: group.compactMap(\.intake.idempotencyKey), on: connection)
        guard !earlier.isEmpty else { return [:] }
        var secrets: [String: String] = [:]
        for plan in group {
            if let key = plan.intake.idempotencyKey, earlier[key] != nil, secrets[key] == nil { secrets[key] = plan.trackingSecret }
        }
        let keys = secrets.keys.sorted()
        try await IntakeRecord.replaceTrackingSecrets(keys: keys, secrets: keys.map { secrets[$0]! }, on: connection)
        for key in keys { earlier[key]?.trackingSecret = secrets[key] }
        return earlier
    }

    /// The procedure version in force on the submission's day (cached).
    private func terms(for intake: ValidatedIntake, on connection: Connection) async throws -> ProcedureTerms {
        let key = ProcedureKey(code: intake.procedure, day: VietnamTime.day(of: intake.submittedAt))
        let loaded = try await procedures.value(for: key) {
            try await connection.run { try ProcedureTerms.load(code: intake.procedure, at: intake.submittedAt, on: $0) }
        }
        guard let terms = loaded else { throw MotCuaError.unknownProcedure(code: intake.procedure) }
        return terms
    }
}
