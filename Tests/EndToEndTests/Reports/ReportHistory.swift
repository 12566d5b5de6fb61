import Foundation
import TestSupport
import Testing

/// A known history, built through the real commands on the frozen simulated clock, that the
/// report tests check figure by figure. Every date and figure below is computed by hand in
/// ReportFigureTests; 2.001610 (STC review, allowance 2; THUE and BHXH automatic) has a limit of
/// 3 working days, DN.LT.001 (STP review 1, CAT review 1, BHXH automatic 1) too. Tuesday
/// 24/11/2026 is a day off (Ngày Văn hóa Việt Nam).
///
/// | dossier | received | due | what happens |
/// |---|---|---|---|
/// | A | Mon 16/11 09:00 | Thu 19/11 | resolved Tue 17/11 (early), returned at the desk, satisfied |
/// | B | Mon 16/11 09:00 | Thu 19/11 | resolved Thu 19/11 (on time) |
/// | C | Tue 17/11 09:00 | Fri 20/11 | resolved Mon 23/11 (late), returned by post |
/// | D | Fri 20/11 09:00 | Thu 26/11 (across 24/11) | resolved Wed 25/11 (early) |
/// | E | Mon 23/11 09:00 | Fri 27/11 (promised Wed 2/12 by STC's apology slip on 27/11) | open, late by the law's date |
/// | F | Thu 26/11 09:00 | Tue 1/12 | open |
/// | G | Mon 16/11 09:00 | Thu 19/11 → Thu 26/11 | one supplement 17/11–23/11, resolved Wed 25/11 (early) |
/// | H | Tue 17/11 09:00 | Fri 20/11 | two supplements, resolved Fri 20/11 (late by the national rule) |
/// | I | Wed 25/11 09:00 | Mon 30/11 | supplement asked Thu 26/11, still awaited (judged at the request) |
/// | J | Mon 16/11 09:00 (DN.LT.001) | Thu 19/11 | STP same day, CAT 4 days: resolved Fri 20/11 late because of CAT |
/// | K | Wed 18/11 | — | refused at the desk |
/// | L | Wed 18/11 09:00 | Mon 23/11 | withdrawn Thu 19/11 |
/// | M | Mon 23/11 09:00 online | Fri 27/11 | paid online 25/11, resolved Fri 27/11 (on time), electronic result, complaint |
/// | N | Wed 25/11 09:00 | Mon 30/11 | open |
/// | P | Tue 1/12 09:00 | Fri 4/12 | open |
///
/// The reports are read on Thursday 3/12/2026 10:00.
struct ReportHistory: OfficerDeskTest {
    let database: String
    private(set) var codes: [String: String] = [:]

    init(database: String) { self.database = database }

    func at(_ instant: String) async throws {
        let set = try await MotcuaCLI.run(["clock", "set", "2026-\(instant):00+07:00", "--rate", "0"], database: database)
        try #require(set.status == 0, "\(set)")
    }

    mutating func submit(_ name: String, _ procedure: String = "2.001610", channel: String = "desk") async throws {
        codes[name] = try await MotcuaCLI.submit(procedure: procedure, channel: channel, database: database).dossierCode
    }

    func code(_ name: String) -> String { codes[name]! }

    /// The officer holding `name`'s step at `department` approves it; waits until the dossier
    /// is resolved or its next step is in an inbox, so the automatic steps run at this instant.
    func approve(_ name: String, at department: String = "STC", then next: String? = nil) async throws {
        let officer = try await holder(of: code(name), in: department)
        _ = try await decide(["approve", code(name), "--officer", officer])
        if let next {
            _ = try await holder(of: code(name), in: next)
        } else {
            try await eventually("\(name) is resolved") { try await state(code(name)) == "resolved" }
        }
    }

    func requestSupplement(_ name: String) async throws {
        let officer = try await holder(of: code(name), in: "STC")
        _ = try await decide(["request-supplement", code(name), "--officer", officer, "--item", "Điều lệ công ty", "--reason", "Thiếu điều lệ"])
    }

    func supplementReceived(_ name: String) async throws -> CommandResult {
        try await decide(["supplement-received", code(name), "--officer", "ttpv.mc01"])
    }

    /// Builds the history with one worker per department of the two procedures running.
    mutating func build() async throws {
        try await loadCatalog()
        var history = self
        let (_, exits) = try await MotcuaCLI.withWorkers([("STC", []), ("THUE", []), ("BHXH", []), ("STP", []), ("CAT", [])], database: database) { _ in
            try await history.play()
        }
        #expect(exits.allSatisfy { $0.status == 0 }, "\(exits)")
        self = history
    }

    private mutating func play() async throws {
        try await at("11-16T09:00")
        for name in ["A", "B", "G"] { try await submit(name) }
        try await submit("J", "DN.LT.001")
        try await at("11-16T11:00")
        try await approve("J", at: "STP", then: "CAT")
        try await at("11-17T09:00")
        for name in ["C", "H"] { try await submit(name) }
        try await at("11-17T10:00")
        try await approve("A")
        try await requestSupplement("G")
        try await at("11-17T15:00")
        _ = try await decide(["return-result", code("A"), "--officer", "ttpv.mc01", "--by", "desk", "--evaluation", "satisfied"])
        try await at("11-18T09:00")
        try await submit("L")
        let refused = try await MotcuaCLI.run(
            ["intake", "submit", "--procedure", "2.001610", "--channel", "desk", "--refuse-reason", "Ngành nghề cấm kinh doanh"] + MotcuaCLI.applicantFlags,
            database: database)
        #expect(refused.status == 0, "\(refused)")
        try await at("11-18T10:00")
        try await requestSupplement("H")
        try await at("11-19T10:00")
        try await approve("B")
        _ = try await supplementReceived("H")
        _ = try await decide(["withdraw", code("L"), "--officer", "ttpv.mc01", "--reference", "Đơn rút số 01"])
        try await at("11-19T11:00")
        try await requestSupplement("H")
        try await at("11-20T09:00")
        try await submit("D")
        try await at("11-20T10:00")
        _ = try await supplementReceived("H")
        try await approve("J", at: "CAT")
        try await at("11-20T11:00")
        try await approve("H")
        try await at("11-23T09:00")
        try await submit("E")
        try await submit("M", channel: "online")
        try await at("11-23T10:00")
        try await approve("C")
        let back = try await supplementReceived("G")
        #expect(back.stdout.contains("appointment date now 26/11/2026"), "G's pause of 17/11 10:00–23/11 10:00 moves its due date to 26/11: \(back)")
        try await at("11-23T15:00")
        _ = try await decide(["return-result", code("C"), "--officer", "ttpv.mc01", "--by", "post"])
        try await at("11-25T09:00")
        for name in ["I", "N"] { try await submit(name) }
        _ = try await decide(["request-payment", code("M"), "--officer", try await holder(of: code("M"), in: "STC"), "--amount", "50000", "--item", "Lệ phí"])
        try await at("11-25T09:30")
        _ = try await decide(["payment-received", code("M"), "--officer", "ttpv.mc01", "--channel", "online", "--reference", "TT-0001"])
        try await at("11-25T10:00")
        try await approve("D")
        try await approve("G")
        try await at("11-26T09:00")
        try await submit("F")
        try await at("11-26T10:00")
        try await requestSupplement("I")
        try await at("11-27T10:00")
        try await approve("M")
        _ = try await decide(["apologise", code("E"), "--officer", "stc.ld01", "--new-date", "2026-12-02", "--reason", "Cần xác minh thêm"])
        try await at("11-27T15:00")
        _ = try await decide(["return-result", code("M"), "--officer", "ttpv.mc01", "--by", "electronic", "--evaluation", "complaint"])
        try await at("12-01T09:00")
        try await submit("P")
        _ = try await holder(of: code("P"), in: "STC")
        try await at("12-03T10:00")
    }
}
