import CivilTime
import Foundation
import MotCua
import MotCuaDemo

/// Realistic finished and open dossier histories for `motcua bench report`, as rows to COPY
/// into `dossier` and `dossier_event`: every current procedure of the catalog in turn, the
/// demo's channel mix (desk, online, post), 2 % refused and 3 % sent back incomplete at the
/// desk, supplement requests (5 % one, 1 % two), payments where a fee or a tax office's step
/// asks for one, withdrawals and stops, step durations drawn around each step's allowance with
/// a slow tail, results handed over at the desk, by post or electronically with evaluations;
/// dossiers received near the end of the history are still open. Each dossier's history is
/// drawn from a generator seeded by its number, so a size repeats exactly.
struct ReportHistoryGenerator {
    /// A procedure version as the generator uses it.
    struct Procedure {
        let code: String
        let version: Int
        let limitDays: Int
        let hasFee: Bool
        let paymentPausesClock: Bool
        let steps: [Step]
    }

    /// One route step.
    struct Step {
        let department: String
        let kind: String
        let allowance: Double
        let excluded: Bool
        let taxOffice: Bool
    }

    let procedures: [Procedure]
    let calendar: WorkingCalendar
    /// The history's first day and the moment it ends (the business time the reports read at).
    let firstDay: CalendarDate
    let now: Date
    let seed: UInt64
    /// Officers per department, to sign the officers' steps.
    let officers: [String: [String]]

    static let dossierColumns = [
        "id", "code", "procedure_code", "procedure_version", "channel", "state", "submitted_at", "received_at", "due_at", "due_date", "resolved_at",
    ]
    static let eventColumns = ["dossier_id", "at", "kind", "from_state", "to_state", "department_code", "actor", "details"]

    /// The rows of dossiers `ids`, part of a `batch` of dossiers received evenly over the whole
    /// history (a dossier's ID is its number plus one).
    func rows(_ ids: Range<Int>, of batch: Range<Int>) -> (dossiers: [[String?]], events: [[String?]]) {
        var dossiers: [[String?]] = []
        var events: [[String?]] = []
        dossiers.reserveCapacity(ids.count)
        events.reserveCapacity(ids.count * 8)
        let span = Double(VietnamTime.day(of: now).daysSince2000 - firstDay.daysSince2000)
        for id in ids {
            var random = SeededRandom(seed: seed &+ UInt64(id) &* 0x9E37_79B9_7F4A_7C15)
            let procedure = procedures[id % procedures.count]
            let position = (Double(id - batch.lowerBound) + Double.random(in: 0..<1, using: &random)) / Double(batch.count)
            var day = firstDay.adding(days: Int(span * position))
            if !calendar.isWorkingDay(day) { day = calendar.nextWorkingDay(after: day) }
            let received = VietnamTime.moment(on: day, secondsSinceMidnight: 27_000 + Double.random(in: 0..<30_600, using: &random))
            guard received < now else { continue }
            let draw = Double.random(in: 0..<1, using: &random)
            let channel = draw < 0.5 ? "desk" : draw < 0.85 ? "online" : "post"
            let history = History(id: id + 1, procedure: procedure, channel: channel, received: received, generator: self, random: random)
            dossiers.append(history.dossierRow)
            events += history.events
        }
        return (dossiers, events)
    }

    /// One dossier's history.
    struct History {
        var dossierRow: [String?] = []
        var events: [[String?]] = []

        init(id: Int, procedure: Procedure, channel: String, received: Date, generator g: ReportHistoryGenerator, random: SeededRandom) {
            var random = random
            let code = "BENCH-\(procedure.code)-\(id)"
            var state = "routed"
            var at = received
            var due: CalendarDate? = nil
            var dueAt: Date? = nil
            var ended: Date? = nil
            var list: [[String?]] = []
            func event(_ kind: String, _ from: String?, _ to: String, _ department: String?, _ actor: String, _ details: [String: String] = [:]) {
                list.append([String(id), EventLog.instant(at), kind, from, to, department, actor, EventLog.json(details)])
                state = to
            }
            func later(workingDays: Int) -> Date {
                let day = g.calendar.addingWorkingDays(workingDays, to: VietnamTime.day(of: at))
                let moment = VietnamTime.moment(on: day, secondsSinceMidnight: 27_000 + Double.random(in: 0..<30_600, using: &random))
                return max(moment, at.addingTimeInterval(60))
            }
            func moveDue(by days: Int) -> [String: String] {
                guard days > 0, let current = due else { return [:] }
                due = g.calendar.addingWorkingDays(days, to: current)
                dueAt = OfficeHours.standard.closing(on: due!)
                return ["due_date": due!.description, "due_at": EventLog.instant(dueAt!)]
            }
            let desk = Double.random(in: 0..<1, using: &random)
            if desk < 0.05 {
                if desk < 0.02 {
                    event("refused", nil, "refused", nil, "desk", ["reason": "Không thuộc thẩm quyền"])
                } else {
                    event("supplement_requested", nil, "awaiting_supplement", nil, "desk", ["items": "Bản sao giấy tờ"])
                }
                dossierRow = [String(id), code, procedure.code, String(procedure.version), channel, state, EventLog.instant(received), nil, nil, nil, nil]
                events = list
                return
            }
            due = g.calendar.addingWorkingDays(max(procedure.limitDays, 0), to: VietnamTime.day(of: received))
            dueAt = OfficeHours.standard.closing(on: due!)
            event("received", nil, "received", nil, "desk", ["received_at": EventLog.instant(received), "due_at": EventLog.instant(dueAt!)])
            event("routed", "received", "routed", procedure.steps.first?.department, "desk")
            let fate = Double.random(in: 0..<1, using: &random)
            let supplements = fate < 0.01 ? 2 : fate < 0.06 ? 1 : 0
            let slow = random.chance(0.12)
            var requested = 0
            var open = false
            for (index, step) in procedure.steps.enumerated() {
                let officers = g.officers[step.department] ?? []
                let officer = officers.isEmpty ? "worker:\(step.department)" : officers[Int.random(in: 0..<officers.count, using: &random)]
                if step.kind != "automatic" { event("assigned", state, "assigned", step.department, "worker:\(step.department)", ["officer": officer]) }
                if requested < supplements && step.kind == "review" {
                    while requested < supplements {
                        at = later(workingDays: Int.random(in: 0...1, using: &random))
                        if at >= g.now {
                            open = true
                            break
                        }
                        requested += 1
                        event("supplement_requested", state, "awaiting_supplement", step.department, officer, ["request": String(requested)])
                        let paused = Int.random(in: 1...5, using: &random)
                        at = later(workingDays: paused)
                        if at >= g.now {
                            open = true
                            break
                        }
                        event("supplement_received", "awaiting_supplement", "supplement_received", step.department, "desk", moveDue(by: paused))
                        event("assigned", "supplement_received", "assigned", step.department, officer, ["officer": officer])
                    }
                    if open { break }
                }
                if (procedure.hasFee && index == 0 && step.kind != "automatic") || (step.taxOffice && step.kind == "review") {
                    at = later(workingDays: 0)
                    if at >= g.now {
                        open = true
                        break
                    }
                    event(
                        "payment_requested", state, "awaiting_payment", step.department, officer,
                        ["amount": "50000", "item": "Lệ phí", "pauses_clock": procedure.paymentPausesClock ? "true" : "false"])
                    let waited = Int.random(in: 0...2, using: &random)
                    at = later(workingDays: waited)
                    if at >= g.now {
                        open = true
                        break
                    }
                    var details = [
                        "channel": channel == "online" && random.chance(0.7) ? "online" : random.chance(0.5) ? "bank" : "desk", "reference": "TT-\(id)",
                    ]
                    if procedure.paymentPausesClock { details.merge(moveDue(by: waited)) { $1 } }
                    event("payment_received", "awaiting_payment", "assigned", step.department, "desk", details)
                }
                let typical = step.kind == "automatic" ? 0 : random.logNormal(median: max(step.allowance * 0.6, 0.3), sigma: 0.7) * (slow && index == 0 ? 3 : 1)
                let used = Int(typical.rounded())
                at = later(workingDays: used)
                if at >= g.now {
                    open = true
                    break
                }
                let last = index == procedure.steps.count - 1
                var details: [String: String] = last ? [:] : ["to_department": procedure.steps[index + 1].department]
                if step.excluded { details.merge(moveDue(by: used)) { $1 } }
                if !last && random.chance(0.02) {
                    let withdrawn = random.chance(0.6)
                    event(withdrawn ? "withdrawn" : "stopped", state, withdrawn ? "withdrawal_requested" : "stopped", nil, officer)
                    ended = at
                    break
                }
                if !last && random.chance(0.005) {
                    event("refused", state, "stopped", step.department, officer, ["reason": "Không đủ điều kiện"])
                    ended = at
                    break
                }
                event(
                    "step_completed", state, last ? "resolved" : "routed", step.department, step.kind == "automatic" ? "worker:\(step.department)" : officer,
                    details)
                if last { ended = at }
            }
            let resolvedAt = state == "resolved" ? ended : nil
            if state == "resolved" {
                at = later(workingDays: Int.random(in: 0...2, using: &random))
                if at < g.now {
                    var details = ["by": channel == "online" && random.chance(0.5) ? "electronic" : channel == "post" ? "post" : "desk"]
                    if random.chance(0.4) {
                        let mood = Double.random(in: 0..<1, using: &random)
                        details["evaluation"] = mood < 0.88 ? "satisfied" : mood < 0.96 ? "not_satisfied" : "complaint"
                    }
                    event("returned", "resolved", "returned", nil, "desk", details)
                }
            }
            events = list
            dossierRow = [
                String(id), code, procedure.code, String(procedure.version), channel, state, EventLog.instant(received), EventLog.instant(received),
                dueAt.map(EventLog.instant), due?.description, resolvedAt.map(EventLog.instant),
            ]
        }
    }
}
