import CivilTime

/// One procedure as a catalog file defines it: the definition of one version. Any change to it
/// makes a new version when loaded (see ``CatalogLoader``).
public struct CatalogProcedure: Sendable, Equatable, Codable {
    /// How far the procedure can be done online.
    public enum OnlineLevel: String, Sendable, Codable, CaseIterable {
        /// Submitted, paid and returned online ("level 4").
        case full
        /// Submitted online, finished at the desk ("level 3").
        case partial
        /// At the desk or by post only.
        case none
    }

    /// The national code (`2.001610`) or a local one (`DN.LT.001`).
    public var code: String
    /// The Vietnamese name.
    public var name: String
    /// The field (lĩnh vực).
    public var field: String
    /// The code of the owning department.
    public var department: String
    /// The first day this definition is in force.
    public var effectiveFrom: CalendarDate
    /// The legal time limit.
    public var timeLimit: TimeLimit
    /// How the limit is counted; `receipt_day_not_counted` when the file does not say.
    public var countingConvention: CountingConvention
    /// Whether a paper dossier received after 15:00 counts as received the next working day;
    /// `false` when the file does not say.
    public var cutoffApplies: Bool
    /// The fee; none when the file does not say.
    public var fee: FeeSchedule
    /// The online level; `none` when the file does not say.
    public var onlineLevel: OnlineLevel
    /// Where the limit and fee come from (decision, circular), `(verify)` when unchecked.
    public var sourceNote: String
    /// The documents of a complete dossier.
    public var documents: [RequiredDocument]
    /// The steps, in order.
    public var route: [RouteStep]
    /// Whether the clock pauses while the applicant pays a fee or tax an officer asked for
    /// (`payment_pauses_clock`; `false` when the file does not say, and written only when true,
    /// so definitions without it keep their hash).
    public var paymentPausesClock = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, field, department, fee, documents, route
        case effectiveFrom = "effective_from"
        case timeLimit = "time_limit"
        case countingConvention = "counting_convention"
        case cutoffApplies = "cutoff_applies"
        case onlineLevel = "online_level"
        case sourceNote = "source_note"
        case paymentPausesClock = "payment_pauses_clock"
    }

}

extension CatalogProcedure {
    public init(from decoder: any Decoder) throws {
        try decoder.logUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        field = try container.decode(String.self, forKey: .field)
        department = try container.decode(String.self, forKey: .department)
        effectiveFrom = try container.decode(CalendarDate.self, forKey: .effectiveFrom)
        timeLimit = try container.decodeTimeLimit(forKey: .timeLimit)
        countingConvention = try container.decodeChoice(CountingConvention.self, forKey: .countingConvention, default: .receiptDayNotCounted)
        cutoffApplies = try container.decode(Bool.self, forKey: .cutoffApplies, default: false)
        fee = try Self.decodeFee(in: container)
        onlineLevel = try container.decodeChoice(OnlineLevel.self, forKey: .onlineLevel, default: .none)
        sourceNote = try container.decode(String.self, forKey: .sourceNote)
        paymentPausesClock = try container.decode(Bool.self, forKey: .paymentPausesClock, default: false)
        // Both lists are decoded even when the first has a bad element, to report both.
        let documents = try decoder.attempt { try container.decodeEach(RequiredDocument.self, forKey: .documents, default: []) }
        let route = try decoder.attempt { try container.decodeEach(RouteStep.self, forKey: .route) }
        guard let documents, let route else { throw CatalogDecodingLog.AlreadyLogged() }
        self.documents = documents
        self.route = route
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(field, forKey: .field)
        try container.encode(department, forKey: .department)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
        try container.encodeTimeLimit(timeLimit, forKey: .timeLimit)
        try container.encode(countingConvention.rawValue, forKey: .countingConvention)
        try container.encode(cutoffApplies, forKey: .cutoffApplies)
        try container.encode(fee, forKey: .fee)
        try container.encode(onlineLevel, forKey: .onlineLevel)
        try container.encode(sourceNote, forKey: .sourceNote)
        try container.encode(documents, forKey: .documents)
        try container.encode(route, forKey: .route)
        if paymentPausesClock { try container.encode(true, forKey: .paymentPausesClock) }
    }

    /// The fee, with unknown keys of its kind logged (``FeeSchedule`` itself ignores them).
    private static func decodeFee(in container: KeyedDecodingContainer<CodingKeys>) throws -> FeeSchedule {
        guard container.contains(.fee) else { return .none }
        let fee = try container.decode(FeeSchedule.self, forKey: .fee)
        let allowed: [String]
        switch fee {
        case .none: allowed = ["kind"]
        case .fixed: allowed = ["kind", "amount", "online_amount"]
        case .perPage: allowed = ["kind", "first_pages", "first_page_amount", "next_page_amount", "cap"]
        }
        try container.superDecoder(forKey: .fee).logUnknownKeys(allowed: allowed)
        return fee
    }

    /// The definition in canonical order (documents sorted by code, since their order carries no
    /// meaning), as hashed into `definition_hash`.
    var canonical: CatalogProcedure {
        var copy = self
        copy.documents.sort { $0.code < $1.code }
        return copy
    }
}
