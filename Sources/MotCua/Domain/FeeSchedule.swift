import Foundation

/// What a procedure charges, as the catalog states it (stored as `procedure.fee` jsonb):
/// nothing, a fixed amount per dossier or per copy (with another amount, often nothing, for a
/// dossier submitted online), or a per-page scale with a cap (certified copies: 2,000 đ for
/// each of pages 1–2, 1,000 đ from page 3, at most 200,000 đ).
public enum FeeSchedule: Sendable, Equatable, Codable {
    /// No fee.
    case none
    /// A fixed amount in đồng for each unit (dossier or copy); `onlineAmount` instead for a
    /// dossier submitted online, when the law sets one (nil: the same amount).
    case fixed(amount: Decimal, onlineAmount: Decimal? = nil)
    /// `firstPageAmount` for each of the first `firstPages` pages, `nextPageAmount` for each
    /// page after, at most `cap` in total (no cap when nil).
    case perPage(firstPages: Int, firstPageAmount: Decimal, nextPageAmount: Decimal, cap: Decimal?)

    /// The fee for a dossier of `pages` pages (or copies, for a fixed per-copy fee) that came
    /// through `channel`.
    public func amount(pages: Int, channel: Channel = .desk) -> Decimal {
        switch self {
        case .none:
            return 0
        case .fixed(let amount, let onlineAmount):
            return (channel == .online ? onlineAmount ?? amount : amount) * Decimal(max(1, pages))
        case .perPage(let firstPages, let firstAmount, let nextAmount, let cap):
            let first = Decimal(min(pages, firstPages)) * firstAmount
            let rest = Decimal(max(0, pages - firstPages)) * nextAmount
            return cap.map { Swift.min(first + rest, $0) } ?? first + rest
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, amount, cap
        case onlineAmount = "online_amount"
        case firstPages = "first_pages"
        case firstPageAmount = "first_page_amount"
        case nextPageAmount = "next_page_amount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "none": self = .none
        case "fixed":
            self = .fixed(
                amount: try container.decode(Decimal.self, forKey: .amount), onlineAmount: try container.decodeIfPresent(Decimal.self, forKey: .onlineAmount))
        case "per_page":
            self = .perPage(
                firstPages: try container.decode(Int.self, forKey: .firstPages),
                firstPageAmount: try container.decode(Decimal.self, forKey: .firstPageAmount),
                nextPageAmount: try container.decode(Decimal.self, forKey: .nextPageAmount),
                cap: try container.decodeIfPresent(Decimal.self, forKey: .cap))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown fee kind \"\(other)\"; use none, fixed or per_page")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none:
            try container.encode("none", forKey: .kind)
        case .fixed(let amount, let onlineAmount):
            try container.encode("fixed", forKey: .kind)
            try container.encode(amount, forKey: .amount)
            try container.encodeIfPresent(onlineAmount, forKey: .onlineAmount)
        case .perPage(let firstPages, let firstAmount, let nextAmount, let cap):
            try container.encode("per_page", forKey: .kind)
            try container.encode(firstPages, forKey: .firstPages)
            try container.encode(firstAmount, forKey: .firstPageAmount)
            try container.encode(nextAmount, forKey: .nextPageAmount)
            try container.encodeIfPresent(cap, forKey: .cap)
        }
    }
}
