import CivilTime
import Foundation
import MotCua

/// The submissions of a simulated center, day by day: on working days `perDay` dossiers, at
/// the desk and by post during office hours and online from early morning to late evening; on
/// days off a few online ones. Procedures are drawn from the catalog's current ones (single
/// department and liên thông alike); some are incomplete or refused at the desk.
struct SubmissionStream {
    /// One submission and when it arrives.
    struct Arrival {
        let at: Date
        let request: IntakeRequest
    }

    let procedures: [String]
    let perDay: Int
    let policy: OfficerPolicy
    let calendar: WorkingCalendar
    var random: SeededRandom

    init(procedures: [String], perDay: Int, policy: OfficerPolicy, calendar: WorkingCalendar, seed: UInt64) {
        self.procedures = procedures
        self.perDay = perDay
        self.policy = policy
        self.calendar = calendar
        random = SeededRandom(seed: seed)
    }

    /// The arrivals of `day`, in time order.
    mutating func arrivals(on day: CalendarDate) -> [Arrival] {
        let working = calendar.isWorkingDay(day)
        let count = working ? perDay : perDay / 8
        let office = OfficeHours.standard.periods(on: day)
        var arrivals: [Arrival] = []
        for _ in 0..<count {
            let channel: Channel = !working ? .online : [Channel.desk, .desk, .desk, .online, .online, .post].randomElement(using: &random)!
            let at: Date
            if channel == .online {
                at = VietnamTime.moment(on: day, secondsSinceMidnight: Double.random(in: 6 * 3600..<23 * 3600, using: &random))
            } else {
                let period = office.randomElement(using: &random)!
                at = Date(
                    timeIntervalSince1970: Double.random(in: period.lowerBound.timeIntervalSince1970..<period.upperBound.timeIntervalSince1970, using: &random))
            }
            arrivals.append(Arrival(at: at, request: request(channel: channel, at: at)))
        }
        return arrivals.sorted { $0.at < $1.at }
    }

    private mutating func request(channel: Channel, at: Date) -> IntakeRequest {
        var request = SampleSubmissions.request(index: Int(random.next() % 1_000_000), procedure: procedures.randomElement(using: &random)!, channel: channel)
        request.pages = Int.random(in: 1...12, using: &random)
        if channel != .online, random.chance(policy.refusedAtDesk) {
            request.refuseReason = "Thủ tục không thuộc thẩm quyền giải quyết của Trung tâm"
        } else if random.chance(policy.incompleteAtDesk) {
            request.allDocuments = false
            request.documents = []
        }
        return request
    }
}
