import Foundation
import Postgres

/// The province's points in the six groups of the national service-quality index (Decision
/// 766/QĐ-TTg) for the indicators MotCua's data supports, from the period report: full points
/// when a rate reaches its target, otherwise rate × points ÷ target. The indicators, points and
/// targets are data (`index_indicator`); the ones MotCua cannot compute are listed as such.
public struct ServiceIndex: Sendable, Codable, Equatable {
    /// One indicator of a group.
    public struct Indicator: Sendable, Codable, Equatable {
        /// The figure of the period report it is computed from (`on_time_rate`, …), or
        /// `not_computed`.
        public let indicator: String
        public let name: String
        public let points: Double
        public let target: Double?
        /// The period's rate; nil when MotCua cannot compute it or the period has no data.
        public let rate: Double?
        /// Points earned; nil when the rate is.
        public let earned: Double?
        /// Why the indicator has no rate.
        public let note: String?
    }

    /// One group, out of its points.
    public struct Group: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let points: Double
        public let indicators: [Indicator]
        /// The points earned by its computed indicators; nil when none is computed.
        public let earned: Double?
    }

    public let period: ReportPeriod
    public let asOf: Date
    public let groups: [Group]
    /// Points earned, out of the points of the indicators that were computed.
    public let earned: Double
    public let computedPoints: Double
    /// The index's total (100).
    public let totalPoints: Double

    /// Reads the index for `period`.
    public static func read(period: ReportPeriod, on connection: Connection) async throws -> ServiceIndex {
        try await connection.transaction(.repeatableRead, readOnly: true) { connection in
            let report = try PeriodReport.read(period: period, department: nil, procedure: nil, on: connection)
            return try make(report, indicators: try connection.query(indicatorsStatement))
        }
    }

    static func make(_ report: PeriodReport, indicators rows: Rows) throws -> ServiceIndex {
        let figures = report.total.figures
        var groups: [Group] = []
        for row in rows {
            let code: String = try row.decode("group_code")
            let indicator: String = try row.decode("indicator")
            let points: Double = try row.decode("points")
            let target: Double? = try row.decode("target")
            let (rate, note) = Self.rate(indicator, of: figures)
            let earned = rate.flatMap { rate in target.map { rate >= $0 ? points : rate * points / $0 } }
            let line = Indicator(indicator: indicator, name: try row.decode("name"), points: points, target: target, rate: rate, earned: earned, note: note)
            if let last = groups.last, last.code == code {
                let lines = last.indicators + [line]
                let sum = lines.compactMap(\.earned)
                groups[groups.count - 1] = Group(
                    code: code, name: last.name, points: last.points, indicators: lines, earned: sum.isEmpty ? nil : sum.reduce(0, +))
            } else {
                groups.append(
                    Group(code: code, name: try row.decode("group_name"), points: try row.decode("group_points"), indicators: [line], earned: earned))
            }
        }
        let computed = groups.flatMap(\.indicators).filter { $0.earned != nil }
        return ServiceIndex(
            period: report.period, asOf: report.asOf, groups: groups, earned: computed.compactMap(\.earned).reduce(0, +),
            computedPoints: computed.map(\.points).reduce(0, +), totalPoints: groups.map(\.points).reduce(0, +))
    }

    /// The rate an indicator names, or why there is none.
    static func rate(_ indicator: String, of figures: PeriodFigures) -> (Double?, String?) {
        let rate: Double?
        switch indicator {
        case "on_time_rate": rate = figures.onTimeRate
        case "online_submission_share": rate = figures.onlineSubmissionShare
        case "online_payment_share": rate = figures.onlinePaymentShare
        case "electronic_result_share": rate = figures.electronicResultShare
        case "satisfaction": rate = figures.satisfaction
        default: return (nil, "MotCua không có dữ liệu cho chỉ số này")
        }
        return (rate, rate == nil ? "không có hồ sơ nào trong kỳ để tính tỷ lệ này" : nil)
    }

    /// The indicators by group, in the index's order.
    static let indicatorsStatement = """
        SELECT group_code, group_name, group_points::float8 AS group_points, indicator, name, points::float8 AS points, target::float8 AS target
        FROM index_indicator
        ORDER BY array_position(ARRAY['transparency', 'progress', 'online_service', 'online_payment', 'satisfaction', 'digitisation'], group_code),
                 indicator
        """
}
