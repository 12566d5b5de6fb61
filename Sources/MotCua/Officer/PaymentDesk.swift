import CivilTime
import Foundation
import Postgres

/// The fee or tax an officer asks the applicant to pay before the step can go on, and its
/// payment: each one transaction with its state change and its event. The dossier waits
/// `awaiting_payment` with its step still in the officer's inbox; the clock stands still
/// meanwhile when the procedure version says so (`payment_pauses_clock`), and the payment then
/// moves the appointment date by the working time it waited. The payment's channel (online or
/// at the desk) is what the reports' online-payment share counts.
public enum PaymentDesk {
    /// How the applicant paid.
    public enum Channel: String, Sendable, CaseIterable, Codable {
        /// Through the national public service portal's payment platform.
        case online
        /// In cash or by card at the center's desk.
        case desk
        /// By bank transfer or at the State Treasury.
        case bank
    }

    /// What a payment request did.
    public struct Request: Sendable, Equatable {
        /// Whether the dossier's clock stands still until the payment.
        public let pausesClock: Bool
    }

    /// Asks the applicant of dossier `code` to pay `amount` VND for `item` (the fee, the land
    /// use levy, the registration fee …), as `officer` of the department holding its step. The
    /// procedure must have a fee, or the step be a tax office's.
    public static func request(code: String, officer: String, amount: Int, item: String, on connection: Connection) async throws -> Request {
        guard amount > 0 else { throw MotCuaError.invalidInput(field: "--amount", reason: "must be a positive amount in VND, e.g. --amount 150000") }
        return try await connection.transaction { connection in
            guard let dossier = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try dossier.decode("id")
            let state: DossierState = try dossier.decode("state")
            guard state == .assigned, let step = try connection.query(stepStatement, [id]).first else {
                throw MotCuaError.nothingToDecide(dossier: code, state: state.rawValue)
            }
            let department: String = try step.decode("department_code")
            guard try connection.query(OfficerDecision.officerStatement, [officer]).first?.decode("department_code", as: String.self) == department else {
                throw MotCuaError.notOfficerOfDepartment(officer: officer, department: department, dossier: code)
            }
            guard try step.decode("payable", as: Bool.self) else {
                throw MotCuaError.invalidInput(
                    field: "dossier \(code)",
                    reason: "its procedure has no fee and \(department) is not a tax office, so there is nothing to pay at this step; nothing was changed")
            }
            let pauses: Bool = try step.decode("payment_pauses_clock")
            try DossierTransitions.require(dossier: code, from: state, to: .awaitingPayment)
            try connection.query(DossierStore.setStateStatement, [id, DossierState.awaitingPayment])
            try EventLog.append(
                [
                    EventLog.Event(
                        dossierID: id, kind: .paymentRequested, from: state, to: .awaitingPayment, department: department, actor: officer,
                        details: ["amount": String(amount), "item": item, "pauses_clock": String(pauses)])
                ],
                on: connection)
            return Request(pausesClock: pauses)
        }
    }

    /// Records the payment of dossier `code` (`reference`: the receipt or transaction number), as
    /// `officer` of the center's desk or of the department holding its step; the step is back
    /// in the officer's inbox. Returns the date told to the applicant (an apology slip's promise, else
    /// the appointment date), moved when the request paused it.
    public static func receive(code: String, officer: String, channel: Channel, reference: String, on connection: Connection) async throws
        -> CalendarDate?
    {
        let calendar = try await CalendarStore.calendar(on: connection)
        return try await connection.transaction { connection in
            guard let dossier = try connection.query(OfficerDecision.dossierStatement, [code]).first else { throw MotCuaError.unknownDossier(code: code) }
            let id: Int64 = try dossier.decode("id")
            let state: DossierState = try dossier.decode("state")
            guard state == .awaitingPayment, let step = try connection.query(stepStatement, [id]).first else {
                throw MotCuaError.invalidInput(field: "dossier \(code)", reason: "is \(state.rawValue), not waiting for a payment; nothing was changed")
            }
            let department: String = try step.decode("department_code")
            guard try connection.query(SupplementDesk.mayReceiveStatement, [officer, department]).first != nil else {
                throw MotCuaError.mayNotAct(officer: officer, dossier: code)
            }
            try DossierTransitions.require(dossier: code, from: state, to: .assigned)
            try connection.query(DossierStore.setStateStatement, [id, DossierState.assigned])
            var details = ["channel": channel.rawValue, "reference": reference]
            var due: CalendarDate? = try step.decode("due_date")
            if try step.decode("payment_pauses_clock", as: Bool.self) {
                let moved = try DossierDeadline.recompute(
                    dossier: id, code: code, now: try DatabaseClock.now(on: connection), calendar: calendar, on: connection)
                details.merge(moved.details) { $1 }
                due = moved.shown
            }
            try EventLog.append(
                [EventLog.Event(dossierID: id, kind: .paymentReceived, from: state, to: .assigned, department: department, actor: officer, details: details)],
                on: connection)
            return due
        }
    }

    /// `$1` dossier: its step in an officer's inbox, whether something is payable there (the
    /// procedure has a fee, or the step is a tax office's), the procedure's payment rule and the
    /// dossier's due date.
    static let stepStatement = """
        SELECT w.department_code, p.payment_pauses_clock, \(DossierStore.promisedOrDueDate("d")) AS due_date, (p.fee->>'kind' <> 'none' OR dep.kind = 'tax') AS payable
        FROM work_item w
        JOIN dossier d ON d.id = w.dossier_id
        JOIN procedure p ON p.code = d.procedure_code AND p.version = d.procedure_version
        JOIN department dep ON dep.code = w.department_code
        WHERE w.dossier_id = $1 AND w.state = 'assigned' AND w.step_position > 0
        """
}
