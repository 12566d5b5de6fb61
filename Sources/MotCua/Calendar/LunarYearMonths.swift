/// The 12 or 13 lunar months from the month 11 before a lunar year to the month 11 inside it (excluded):
/// months 11 and 12 of the previous lunar year, then months 1–10 of the year, with at most one leap month.
struct LunarYearMonths: Sendable {
    /// One lunar month, as Julian day numbers of its local days.
    struct Month: Sendable {
        /// The first day.
        let start: Int
        /// The number of days, 29 or 30.
        let length: Int
        /// The lunar year the month belongs to.
        let lunarYear: Int
        /// The month number, 1–12.
        let number: Int
        /// Whether it is the leap month.
        let isLeap: Bool
    }

    /// The months in order; the first starts on the month 11 of the previous lunar year.
    let months: [Month]
    /// The index in `months` of the leap month, if any.
    let leapIndex: Int?

    /// The months ending before month 11 of lunar year `year`, that is from month 11 of Gregorian year `year - 1`.
    init(endingBefore year: Int, calendar: VietnameseLunarCalendar) {
        let first = calendar.monthElevenStart(ofGregorianYear: year - 1)
        let next = calendar.monthElevenStart(ofGregorianYear: year)
        let k = Int(((Double(first) - 2_415_021.076998695) / VietnameseLunarCalendar.meanLunation + 0.5).rounded(.down))
        let count = next - first > 365 ? 13 : 12
        let starts = [first] + (1..<count).map { calendar.newMoonDay(k + $0) } + [next]
        let leapIndex =
            count == 13
            ? (1..<count).first { calendar.sunSector(atStartOf: starts[$0]) == calendar.sunSector(atStartOf: starts[$0 + 1]) }
            : nil
        self.leapIndex = leapIndex
        months = (0..<count).map { index in
            let regular = Self.regularIndex(of: index, leapIndex: leapIndex)
            return Month(
                start: starts[index], length: starts[index + 1] - starts[index],
                lunarYear: regular < 2 ? year - 1 : year, number: (regular + 10) % 12 + 1, isLeap: index == leapIndex
            )
        }
    }

    /// The first day of a non-leap month of this span: 11 and 12 of the previous year, or 1–10.
    func start(ofRegularMonth number: Int) -> Int {
        let regular = (number + 1) % 12
        let index = leapIndex.map { regular >= $0 ? regular + 1 : regular } ?? regular
        return months[index].start
    }

    /// The position a month would have without the leap month (a leap month shares its predecessor's).
    private static func regularIndex(of index: Int, leapIndex: Int?) -> Int {
        leapIndex.map { index >= $0 ? index - 1 : index } ?? index
    }
}
