import CivilTime
import Foundation
import MotCua
import Postgres

/// Officers, leaders, the desk and applicants acting on their own, on the simulated clock: each
/// step in an inbox gets a working delay and a decision drawn from the ``OfficerPolicy`` when it
/// is first seen, and is decided once the business time reaches it, through the same library
/// calls the `motcua decide` commands make. Applicants bring supplements, pay and collect their
/// results after delays of their own; overdue dossiers get their apology slip.
struct SimulatedOfficers {
    /// The department officers consult for an opinion (the police, on the applicant).
    static let consultedDepartment = "CAT"

    let policy: OfficerPolicy
    var random: SeededRandom
    let calculator: DeadlineCalculator
    /// An officer of the center's desk, for the desk's actions.
    let desk: String
    /// A leader per department, for signatures.
    let leaders: [String: String]
    /// What is planned, by the thing planned for (an item in a state, a resolved dossier), and when.
    private var plans: [String: (at: Date, action: Action)] = [:]
    /// Dossiers that already had an officer's supplement request, a consultation, an apology
    /// (or its chance) in this run; an apology of an earlier run is in the log (the inbox reads it).
    private var supplemented: Set<String> = []
    private var consulted: Set<String> = []
    private var apologised: Set<String> = []
    /// Items whose payment was asked for already.
    private var paid: Set<Int64> = []
    /// How many actions were taken, by kind.
    private(set) var taken: [String: Int] = [:]

    enum Action {
        case approve(officer: String)
        case sign(leader: String)
        case refuse(officer: String)
        case supplement(officer: String)
        case consult(officer: String)
        case payment(officer: String, amount: Int)
        case answer(officer: String)
        case withdraw
        case supplementIn
        case paymentIn(PaymentDesk.Channel)
        case returnResult(DossierClosing.Evaluation?, DossierClosing.Delivery)
    }

    /// Reads who acts: the desk's officer and each department's leader.
    init(policy: OfficerPolicy, seed: UInt64, calendar: WorkingCalendar, on connection: Connection) async throws {
        self.policy = policy
        random = SeededRandom(seed: seed ^ 0x0FF1_CE25)
        calculator = DeadlineCalculator(calendar: calendar)
        guard let desk = try await connection.query(Self.deskStatement).first else {
            throw DemoError(reason: "the catalog has no active officer of a center desk (a department of kind center)")
        }
        self.desk = try desk.decode("code")
        var leaders: [String: String] = [:]
        for row in try await connection.query(Self.leadersStatement) { leaders[try row.decode("department_code")] = try row.decode("code") }
        self.leaders = leaders
    }

    /// Plans what is new in the inboxes and takes every decision due at `now` (the officers',
    /// the desk's and the applicants' actions on steps in an inbox); returns how many were taken.
    mutating func decide(at now: Date, on connection: Connection) async throws -> Int {
        let today = VietnamTime.day(of: now)
        var actions = 0
        for row in try await connection.query(Self.inboxesStatement) {
            let item: Int64 = try row.decode("id")
            let code: String = try row.decode("code")
            let state: DossierState = try row.decode("state")
            let key = "\(item)-\(state.rawValue)"
            if plans[key] == nil { plans[key] = try plan(row, item: item, code: code, state: state, now: now) }
            if state == .assigned || state == .consulting, try row.decode("overdue", as: Bool.self), !apologised.contains(code),
                try !row.decode("apologised", as: Bool.self)
            {
                apologised.insert(code)
                // The holding department's leader signs the slip, promising three working days
                // on, or the procedure's limit counted again from today when that is sooner.
                if random.chance(policy.apologise), let leader = leaders[try row.decode("department_code")],
                    let limit = TimeLimit(value: try row.decode("time_limit"), unit: try row.decode("time_limit_unit"))
                {
                    let newDate = min(calculator.calendar.addingWorkingDays(3, to: today), calculator.latestApologyDate(for: limit, today: today))
                    try await DossierClosing.apologise(
                        code: code, officer: leader, newDate: newDate, reason: "Hồ sơ cần thêm thời gian xác minh; xin lỗi ông/bà", on: connection)
                    count("apologise")
                    actions += 1
                }
            }
            guard let planned = plans[key], planned.at <= now else { continue }
            plans[key] = nil
            try await take(planned.action, code: code, item: item, on: connection)
            actions += 1
        }
        return actions
    }

    /// Plans the collection of results newly resolved and hands over every one due at `now`.
    /// Called once the workers have finished what the decisions sent them, so the resolved
    /// dossiers it sees follow from the seed alone.
    mutating func handOver(at now: Date, on connection: Connection) async throws {
        for row in try await connection.query(Self.resolvedStatement) {
            let code: String = try row.decode("code")
            let key = "resolved-\(code)"
            if plans[key] == nil {
                // Most online applicants take an electronic result; the others come to the desk or have it posted.
                let online = try row.decode("channel", as: String.self) == "online"
                let delivery: DossierClosing.Delivery = online && random.chance(0.6) ? .electronic : random.chance(0.15) ? .post : .desk
                plans[key] = (after(days: policy.collectionDays, from: now), .returnResult(drawEvaluation(), delivery))
            }
            guard let planned = plans[key], planned.at <= now else { continue }
            plans[key] = nil
            try await take(planned.action, code: code, item: 0, on: connection)
        }
    }

    /// What will happen to an item first seen in `state`, and when.
    private mutating func plan(_ row: Row, item: Int64, code: String, state: DossierState, now: Date) throws -> (at: Date, action: Action) {
        let officer: String = try row.decode("assigned_officer")
        let department: String = try row.decode("department_code")
        let position: Int = try row.decode("step_position")
        let allowance = (try row.decode("allowance", as: Decimal?.self)).map { NSDecimalNumber(decimal: $0).doubleValue } ?? 1
        let work = after(days: max(0.05, allowance) * policy.medianShareOfAllowance, from: now)
        switch state {
        case .awaitingSupplement: return (after(days: policy.supplementDays, from: now), .supplementIn)
        case .awaitingPayment:
            return (after(days: policy.paymentDays, from: now), .paymentIn(random.chance(policy.paysOnline) ? .online : random.chance(0.5) ? .desk : .bank))
        case .consulting where position < 0: return (after(days: 1, from: now), .answer(officer: officer))
        case .consulting: return (Date.distantFuture, .approve(officer: officer))  // the asking step waits for the answer
        default: break
        }
        if position < 0 { return (after(days: 1, from: now), .answer(officer: officer)) }
        if try row.decode("kind", as: StepKind.self) == .signature { return (work, .sign(leader: leaders[department] ?? officer)) }
        if random.chance(policy.withdraw) { return (work, .withdraw) }
        if try row.decode("payable", as: Bool.self), !paid.contains(item), try row.decode("tax_office", as: Bool.self) || random.chance(policy.payment) {
            paid.insert(item)
            let fee: Int? = try row.decode("fee_amount")
            return (work, .payment(officer: officer, amount: fee ?? 500_000 + 50_000 * Int.random(in: 0..<40, using: &random)))
        }
        let firstRequest = !supplemented.contains(code)
        if random.chance(firstRequest ? policy.supplement : policy.supplement * policy.secondSupplement) {
            supplemented.insert(code)
            return (work, .supplement(officer: officer))
        }
        if random.chance(policy.refuse) { return (work, .refuse(officer: officer)) }
        if !consulted.contains(code), random.chance(policy.consult), department != Self.consultedDepartment {
            consulted.insert(code)
            return (work, .consult(officer: officer))
        }
        return (work, .approve(officer: officer))
    }

    private mutating func take(_ action: Action, code: String, item: Int64, on connection: Connection) async throws {
        switch action {
        case .approve(let officer):
            _ = try await OfficerDecision.decide(code: code, officer: officer, action: .approve(note: "Hồ sơ đủ điều kiện"), on: connection)
            count("approve")
        case .sign(let leader):
            _ = try await OfficerDecision.decide(code: code, officer: leader, action: .sign(note: nil), on: connection)
            count("sign")
        case .refuse(let officer):
            _ = try await OfficerDecision.decide(
                code: code, officer: officer, action: .refuse(reason: "Không đủ điều kiện theo quy định của thủ tục"), on: connection)
            count("refuse")
        case .supplement(let officer):
            _ = try await OfficerDecision.decide(
                code: code, officer: officer,
                action: .requestSupplement(items: ["Bản sao giấy tờ chứng minh, có chứng thực"], reason: "Thành phần hồ sơ chưa đủ để xác minh"),
                on: connection)
            count("supplement")
        case .consult(let officer):
            try await Consultation.ask(
                code: code, officer: officer, department: Self.consultedDepartment, question: "Đề nghị cho ý kiến về nhân thân người nộp", on: connection)
            count("consult")
        case .answer(let officer):
            try await Consultation.answer(code: code, officer: officer, opinion: "Không có ý kiến khác", on: connection)
            count("answer")
        case .payment(let officer, let amount):
            _ = try await PaymentDesk.request(code: code, officer: officer, amount: amount, item: "Phí, lệ phí, nghĩa vụ tài chính", on: connection)
            count("payment")
        case .withdraw:
            try await DossierClosing.withdraw(code: code, officer: desk, reference: "Đơn rút hồ sơ \(code)", on: connection)
            count("withdraw")
        case .supplementIn:
            _ = try await SupplementDesk.receive(code: code, officer: desk, on: connection)
            count("supplement_received")
        case .paymentIn(let channel):
            _ = try await PaymentDesk.receive(code: code, officer: desk, channel: channel, reference: "BL-\(item)", on: connection)
            count("payment_received")
        case .returnResult(let evaluation, let delivery):
            try await DossierClosing.returnResult(code: code, officer: desk, delivery: delivery, evaluation: evaluation, on: connection)
            count("return_result")
        }
    }

    /// The applicant's evaluation at hand-over; three in ten give none.
    private mutating func drawEvaluation() -> DossierClosing.Evaluation? {
        guard random.chance(0.7) else { return nil }
        let draw = Double.random(in: 0..<1, using: &random)
        return draw < policy.satisfied ? .satisfied : draw < policy.satisfied + policy.notSatisfied ? .notSatisfied : .complaint
    }

    private mutating func count(_ kind: String) { taken[kind, default: 0] += 1 }

    /// A log-normal working delay around `days` working days of office time after `moment`.
    private mutating func after(days: Double, from moment: Date) -> Date {
        let drawn = random.logNormal(median: days, sigma: policy.spread)
        return calculator.addingOfficeTime(min(drawn, 30) * calculator.officeHours.dailyDuration, to: moment)
    }

    /// An active officer of a center desk.
    static let deskStatement = """
        SELECT o.code FROM officer o JOIN department d ON d.code = o.department_code
        WHERE d.kind = 'center' AND o.active ORDER BY o.role = 'officer' DESC, o.code LIMIT 1
        """

    /// The first active leader of each department.
    static let leadersStatement =
        "SELECT DISTINCT ON (department_code) department_code, code FROM officer WHERE role = 'leader' AND active ORDER BY department_code, code"

    /// Every step in an officer's inbox with its dossier's state and what deciding it needs, in
    /// an order that follows from the seed alone (dossier codes are numbered by intake, in
    /// order; work item IDs depend on which worker process committed first).
    static let inboxesStatement = """
        SELECT w.id, w.step_position, w.department_code, w.kind, w.assigned_officer, d.code, d.state, d.due_date,
               coalesce(d.due_at < motcua_now(), false) AS overdue, p.time_limit, p.time_limit_unit,
               EXISTS (SELECT FROM dossier_event e WHERE e.dossier_id = d.id AND e.kind = 'apologised') AS apologised, s.allowance,
               (p.fee->>'kind' <> 'none' OR dep.kind = 'tax') AS payable, dep.kind = 'tax' AS tax_office,
               CASE WHEN p.fee->>'kind' = 'fixed' THEN (p.fee->>'amount')::int END AS fee_amount
        FROM work_item w
        JOIN dossier d ON d.id = w.dossier_id
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        JOIN department dep ON dep.code = w.department_code
        LEFT JOIN procedure_step s ON s.procedure_code = d.procedure_code AND s.procedure_version = d.procedure_version AND s.position = w.step_position
        WHERE w.state = 'assigned'
        ORDER BY d.code, w.step_position
        """

    /// Resolved dossiers waiting at the desk.
    static let resolvedStatement = "SELECT code, channel FROM dossier WHERE state = 'resolved' ORDER BY code"
}
