import Synchronization

/// The resolved years of one working calendar, each computed on first use and shared by the calendar's copies.
final class WorkingYearCache: Sendable {
    private let overrides: [CalendarOverride]
    private let years = Mutex<[Int: WorkingYear]>([:])

    /// An empty cache for a calendar with these overrides.
    init(overrides: [CalendarOverride]) {
        self.overrides = overrides
    }

    /// The resolved year, computed now if it was not yet.
    func year(_ year: Int) -> WorkingYear {
        years.withLock { years in
            if let known = years[year] { return known }
            let resolved = WorkingYear(year: year, overrides: overrides)
            years[year] = resolved
            return resolved
        }
    }
}
