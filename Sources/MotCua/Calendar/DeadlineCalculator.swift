import CivilTime
import Foundation

/// Computes due moments in Vietnam local time from a receipt moment, a time limit, the working calendar,
/// the office hours and the pauses of the clock.
///
/// **Effective receipt.** A paper dossier received on a working day after the policy's cut-off (15:00 by
/// default; 15:00:00 exactly is still on time, any later moment is late) counts as received at the opening
/// of the next working day. Any dossier received outside office time — an online submission at night, on a
/// weekend or holiday, or at the lunch break, a paper one on a weekend — counts as received at the next
/// opening of office hours on a working day (the same day's afternoon session for the lunch break).
///
/// **The clock.** A limit is an amount of counted time run from a start moment; the due moment is the
/// earliest moment at which that much counted time has run outside the pauses.
/// - `n` working days, day of receipt not counted: from the opening of the first working day after the
///   effective receipt day, `n` days of office time; due at the close of the day it is reached.
/// - `n` working days, counted in hours: `n` days of office time (8 h each by default) from the effective
///   receipt; due at that exact moment.
/// - `n` working hours (either convention): `n` hours of office time from the effective receipt; due then.
/// - `n` calendar days (either convention): `n` × 24 h of calendar time from the midnight ending the effective
///   receipt day; due at the close of the day it is reached, or of the next working day when that is not one.
/// - 0 working or calendar days (same-day procedures): the office time left on the effective receipt day;
///   due at its close — so the next working day's close when the paper cut-off moved the receipt.
///
/// **Pauses** (waiting for a supplement, steps excluded from the limit such as a tax assessment) are
/// intervals in which the clock does not run; overlapping or touching intervals are merged first, so no
/// time counts twice. Only counted time inside them matters — office time of working days, or any time for
/// calendar-day limits — and only when it falls after the clock started and before the limit is reached:
/// a pause before the clock starts (on a receipt day that is not counted), over a weekend, or after the
/// due moment changes nothing. The moment the limit is reached moves later by exactly the counted time
/// paused; for day-based limits the due moment is the close of the day on which it is reached, so a
/// paused half day can move the due day by a whole day.
public struct DeadlineCalculator: Sendable {
    /// The working days.
    public let calendar: WorkingCalendar
    /// The office hours of every working day.
    public let officeHours: OfficeHours

    /// A calculator; by default the known decisions and the standard office hours.
    public init(calendar: WorkingCalendar, officeHours: OfficeHours = .standard) {
        self.calendar = calendar
        self.officeHours = officeHours
    }

    /// When a dossier received at `receivedAt` counts as received, after the cut-off and office-hours rules.
    public func effectiveReceipt(of receivedAt: Date, mode: SubmissionMode, policy: DeadlinePolicy = DeadlinePolicy()) -> Date {
        let day = VietnamTime.day(of: receivedAt)
        if mode == .paper, let cutOff = policy.paperCutOff, calendar.isWorkingDay(day),
            VietnamTime.secondsSinceMidnight(of: receivedAt) > cutOff.secondsSinceMidnight
        {
            return officeHours.opening(on: calendar.nextWorkingDay(after: day))
        }
        if calendar.isWorkingDay(day), let period = officeHours.periods(on: day).first(where: { receivedAt < $0.upperBound }) {
            return max(receivedAt, period.lowerBound)
        }
        return officeHours.opening(on: calendar.nextWorkingDay(after: day))
    }

    /// When a dossier handed in at `submittedAt` is accepted, and so counted as received: at
    /// once in office hours, else the next opening on a working day (an online submission at
    /// night, on a weekend or a holiday). The 15:00 cut-off moves only the start of the clock
    /// (``effectiveReceipt(of:mode:policy:)``), never the acceptance.
    public func acceptance(of submittedAt: Date, mode: SubmissionMode, policy: DeadlinePolicy = DeadlinePolicy()) -> Date {
        effectiveReceipt(of: submittedAt, mode: mode, policy: DeadlinePolicy(convention: policy.convention, paperCutOff: nil))
    }

    /// The deadline of a dossier received at `receivedAt` with a limit, rules, and the intervals its clock was
    /// paused (finite intervals; end an ongoing pause at the current moment).
    public func deadline(
        for limit: TimeLimit, receivedAt: Date, mode: SubmissionMode,
        policy: DeadlinePolicy = DeadlinePolicy(), pauses: [DateInterval] = []
    ) -> Deadline {
        let receipt = effectiveReceipt(of: receivedAt, mode: mode, policy: policy)
        let run = plan(for: limit, receipt: receipt, convention: policy.convention)
        let clock = DeadlineClock(calendar: calendar, officeHours: officeHours, pauses: pauses)
        let reached = clock.run(run.amount, from: run.start, counting: run.counted)
        guard run.dayBased else {
            return Deadline(effectiveReceipt: receipt, dueMoment: reached.moment, dueDate: reached.day, pausedTime: reached.paused)
        }
        let dueDate = calendar.isWorkingDay(reached.day) ? reached.day : calendar.nextWorkingDay(after: reached.day)
        return Deadline(effectiveReceipt: receipt, dueMoment: officeHours.closing(on: dueDate), dueDate: dueDate, pausedTime: reached.paused)
    }

    /// The deadline promised at `promisedAt` for the close of `promisedDay` (an apology slip's
    /// new date), which replaces the law's `deadline`, moved by the pauses of the clock after the
    /// promise: the counted time left at the promise runs from then outside the pauses, and the
    /// dossier is due at the close of the day it is reached (the next working day's when that is
    /// not one). Without later pauses it is the promised day's close; a promise of a day already
    /// closed stays as it is.
    public func deadline(
        promised promisedDay: CalendarDate, at promisedAt: Date, replacing deadline: Deadline, for limit: TimeLimit, pauses: [DateInterval]
    ) -> Deadline {
        let promised = officeHours.closing(on: promisedDay)
        let counted: DeadlineClock.CountedTime = limit.unit == .calendarDays ? .calendar : .office
        let left = DeadlineClock(calendar: calendar, officeHours: officeHours, pauses: []).counted(from: promisedAt, until: promised, counting: counted)
        guard left > 0 else {
            return Deadline(effectiveReceipt: deadline.effectiveReceipt, dueMoment: promised, dueDate: promisedDay, pausedTime: 0)
        }
        let reached = DeadlineClock(calendar: calendar, officeHours: officeHours, pauses: pauses).run(left, from: promisedAt, counting: counted)
        let dueDate = calendar.isWorkingDay(reached.day) ? reached.day : calendar.nextWorkingDay(after: reached.day)
        return Deadline(
            effectiveReceipt: deadline.effectiveReceipt, dueMoment: officeHours.closing(on: dueDate), dueDate: dueDate, pausedTime: reached.paused)
    }

    /// The moment `seconds` of office time after `moment` (across closed hours, weekends and
    /// holidays), for simulated officers' working delays.
    package func addingOfficeTime(_ seconds: TimeInterval, to moment: Date) -> Date {
        DeadlineClock(calendar: calendar, officeHours: officeHours, pauses: []).run(seconds, from: moment, counting: .office).moment
    }

    /// How a limit runs on the clock: from when, how much, of which time, and whether it ends at a day's close.
    private func plan(
        for limit: TimeLimit, receipt: Date, convention: CountingConvention
    ) -> (start: Date, amount: TimeInterval, counted: DeadlineClock.CountedTime, dayBased: Bool) {
        let receiptDay = VietnamTime.day(of: receipt)
        let value = TimeInterval(limit.value)
        switch (limit.unit, convention) {
        case (.workingDays, _) where limit.value == 0, (.calendarDays, _) where limit.value == 0:
            return (receipt, officeHours.timeLeft(on: receiptDay, after: receipt), .office, true)
        case (.workingDays, .receiptDayNotCounted):
            return (officeHours.opening(on: calendar.nextWorkingDay(after: receiptDay)), value * officeHours.dailyDuration, .office, true)
        case (.workingDays, .workingHoursFromReceipt):
            return (receipt, value * officeHours.dailyDuration, .office, false)
        case (.workingHours, _):
            return (receipt, value * 3600, .office, false)
        case (.calendarDays, _):
            return (VietnamTime.moment(on: receiptDay.adding(days: 1), secondsSinceMidnight: 0), value * 86_400, .calendar, true)
        }
    }
}
