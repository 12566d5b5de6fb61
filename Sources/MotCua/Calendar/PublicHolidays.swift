import CivilTime

/// The default public holidays of a year, computed from the Labour Code in force that year before any
/// official decision.
///
/// The Labour Code 2019 (in force from 1/1/2021), art. 112: 1 January; five days of Tết — by default the last
/// day of the old lunar year and days 1–4 of the new one (the Prime Minister fixes the exact days each year);
/// Hùng Kings' day (10th of the 3rd lunar month); 30 April; 1 May; 2 September and one adjacent day — by
/// default 1 September, or 3 September when the 2nd is a Monday (the Prime Minister decides it each year).
/// Art. 111(3): each holiday falling on a Saturday or Sunday gives one compensatory day off, the first working
/// day after it that is neither a weekend day, a holiday, nor another compensatory day.
///
/// The Labour Code 2012 (years up to 2020), art. 115: the same days, except that National Day is 2 September
/// alone; art. 115(3) gives a weekend holiday back on the next working day in the same way. Years before 2013
/// are computed by the 2012 rules too (the center opened in 2017; earlier codes are not modelled).
public enum PublicHolidays {
    /// The Labour Code whose holiday rules apply to a year.
    public enum LabourCode: Sendable, Equatable {
        /// Bộ luật Lao động 10/2012/QH13, for the years up to 2020.
        case of2012
        /// Bộ luật Lao động 45/2019/QH14, from 2021.
        case of2019

        /// The code in force in `year`.
        public static func inForce(in year: Int) -> LabourCode { year <= 2020 ? .of2012 : .of2019 }

        /// The article that lists the holidays.
        var holidaySource: String { self == .of2012 ? "Bộ luật Lao động 2012, Điều 115" : "Bộ luật Lao động 2019, Điều 112" }
        /// The article that gives a weekend holiday back.
        var compensationSource: String { self == .of2012 ? "Bộ luật Lao động 2012, Điều 115 khoản 3" : "Bộ luật Lao động 2019, Điều 111 khoản 3" }
    }

    /// The statutory holidays and compensatory days of a Gregorian year, in date order.
    public static func computed(for year: Int) -> [PublicHoliday] {
        let code = LabourCode.inForce(in: year)
        let holidays = statutory(for: year, code: code)
        var taken = Set(holidays.map(\.date))
        var days = holidays
        for holiday in holidays where holiday.date.weekday.isWeekend {
            var day = holiday.date.adding(days: 1)
            while day.weekday.isWeekend || taken.contains(day) { day = day.adding(days: 1) }
            taken.insert(day)
            days.append(
                PublicHoliday(
                    date: day, kind: .compensatory, vietnameseName: "Nghỉ bù \(holiday.vietnameseName)",
                    englishName: "Compensatory day off for \(holiday.englishName)", source: code.compensationSource
                ))
        }
        return days.sorted { $0.date < $1.date }
    }

    /// The holidays `code` lists for a year, in date order, without compensation.
    private static func statutory(for year: Int, code: LabourCode) -> [PublicHoliday] {
        func holiday(_ date: CalendarDate, _ vietnamese: String, _ english: String) -> PublicHoliday {
            PublicHoliday(date: date, kind: .statutory, vietnameseName: vietnamese, englishName: english, source: code.holidaySource)
        }
        let lunarCalendar = VietnameseLunarCalendar()
        let tet = lunarCalendar.newYear(of: year)
        let nationalDay = CalendarDate(existing: year, 9, 2)
        let adjacentDay = nationalDay.adding(days: nationalDay.weekday == .monday ? 1 : -1)
        let hungKings = lunarCalendar.firstDay(ofRegularMonth: 3, of: year).adding(days: 9)
        let holidays =
            [
                holiday(CalendarDate(existing: year, 1, 1), "Tết Dương lịch", "New Year's Day"),
                holiday(tet.adding(days: -1), "Tết Nguyên đán (ngày cuối năm cũ)", "Lunar New Year (last day of the old year)"),
            ]
            + (1...4).map { day in
                holiday(tet.adding(days: day - 1), "Tết Nguyên đán (mùng \(day))", "Lunar New Year (day \(day))")
            } + [
                holiday(hungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration Day"),
                holiday(CalendarDate(existing: year, 4, 30), "Ngày Chiến thắng (30/4)", "Reunification Day"),
                holiday(CalendarDate(existing: year, 5, 1), "Ngày Quốc tế Lao động", "International Labour Day"),
                holiday(nationalDay, "Quốc khánh", "National Day"),
            ] + (code == .of2019 ? [holiday(adjacentDay, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)")] : [])
        return holidays.sorted { $0.date < $1.date }
    }
}
