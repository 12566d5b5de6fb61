import CivilTime

/// One day off work for public offices, with its name in Vietnamese and English and where it comes from.
public struct PublicHoliday: Hashable, Sendable {
    /// Why the day is off.
    public enum Kind: String, Hashable, Sendable {
        /// A public holiday of the Labour Code in force (2012, art. 115, to 2020; 2019, art. 112, from 2021).
        case statutory
        /// The working day given back for a holiday that fell on a Saturday or Sunday (art. 111(3)).
        case compensatory
        /// A day off set by an official decision (a swapped day).
        case decided
    }

    /// The day.
    public let date: CalendarDate
    /// Why the day is off.
    public let kind: Kind
    /// The Vietnamese name, e.g. "Tết Nguyên đán (mùng 1)".
    public let vietnameseName: String
    /// The English name, e.g. "Lunar New Year (day 1)".
    public let englishName: String
    /// The legal source: the article of the Labour Code, or the number of the decision.
    public let source: String

    /// Creates a day off.
    public init(date: CalendarDate, kind: Kind, vietnameseName: String, englishName: String, source: String) {
        self.date = date
        self.kind = kind
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.source = source
    }
}
