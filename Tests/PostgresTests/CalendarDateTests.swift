import Postgres
import Testing

/// Pure tests: no database.
struct CalendarDateTests {
    @Test func daysSince2000RoundTripsOverCenturies() {
        for days in stride(from: -80_000, through: 80_000, by: 7) {
            #expect(CalendarDate(daysSince2000: days).daysSince2000 == days)
        }
    }

    @Test func knownDays() {
        #expect(CalendarDate(daysSince2000: 0) == CalendarDate(year: 2000, month: 1, day: 1))
        #expect(CalendarDate(year: 2026, month: 2, day: 13)!.daysSince2000 == 9540)
        #expect(CalendarDate(year: 1999, month: 12, day: 31)!.daysSince2000 == -1)
    }

    @Test func invalidDatesAreRejected() {
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(iso: "2026-2-1") == nil)
        #expect(CalendarDate(iso: "2026-02-30") == nil)
    }

    @Test func connectionStringsRetargetTheDatabase() {
        #expect(ConnectionString.replacingDatabase(in: "postgresql://u@/a?host=/tmp/s&port=5", with: "b") == "postgresql://u@/b?host=/tmp/s&port=5")
        #expect(ConnectionString.replacingDatabase(in: "host=/tmp dbname=a", with: "b") == "host=/tmp dbname=a dbname='b'")
        #expect(ConnectionString.replacingDatabase(in: "", with: "b") == "dbname='b'")
        #expect(
            ConnectionString.addingFallbackApplicationName(to: "postgresql:///a?host=/s", "motcua worker STC")
                == "postgresql:///a?host=/s&fallback_application_name=motcua%20worker%20STC")
        #expect(ConnectionString.addingFallbackApplicationName(to: "host=/s", "w") == "host=/s fallback_application_name='w'")
    }
}
