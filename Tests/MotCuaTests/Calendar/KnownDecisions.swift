import CivilTime

@testable import MotCua

extension CalendarOverride {
    /// The swaps the domain brief records (the database ships the same rows in migration 0004;
    /// `CalendarStoreTests` checks that the shipped rows give the same calendar).
    static let knownDecisions: [CalendarOverride] = [
        CalendarOverride(
            date: CalendarDate(existing: 2025, 5, 2), kind: .dayOff,
            reason: "Nghỉ hoán đổi, làm bù thứ Bảy 26/4/2025 (verify số văn bản)", document: "Thông báo 6150/TB-BNV"
        ),
        CalendarOverride(
            date: CalendarDate(existing: 2025, 4, 26), kind: .workingDay,
            reason: "Làm bù cho ngày nghỉ thứ Sáu 2/5/2025 (verify số văn bản)", document: "Thông báo 6150/TB-BNV"
        ),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 8, 31), kind: .dayOff,
            reason: "Nghỉ hoán đổi, làm bù thứ Bảy 22/8/2026 (verify: số văn bản chưa ghi nhận)",
            document: "Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026"
        ),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 8, 22), kind: .workingDay,
            reason: "Làm bù cho ngày nghỉ thứ Hai 31/8/2026 (verify: số văn bản chưa ghi nhận)",
            document: "Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026"
        ),
    ]
}
