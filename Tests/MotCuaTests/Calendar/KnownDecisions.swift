import CivilTime

@testable import MotCua

extension CalendarOverride {
    /// The official decisions the database ships (migrations 0004 and 0016, 2017–2026), for the
    /// pure calendar tests; `AppointmentDateTests` checks that the stored rows are exactly these.
    static let knownDecisions: [CalendarOverride] = [
        CalendarOverride(
            date: CalendarDate(existing: 2017, 1, 26), kind: .dayOff, reason: "Tết Đinh Dậu: nghỉ từ 29 tháng Chạp (26/1) đến mùng 5 (1/2/2017)",
            document: "Công văn 9794/VPCP-KGVX ngày 14/11/2016"),
        CalendarOverride(
            date: CalendarDate(existing: 2017, 2, 2), kind: .workingDay, reason: "Tết Đinh Dậu kết thúc ngày 1/2/2017: thứ Năm 2/2 làm việc bình thường",
            document: "Công văn 9794/VPCP-KGVX ngày 14/11/2016"),
        CalendarOverride(
            date: CalendarDate(existing: 2018, 2, 14), kind: .dayOff, reason: "Tết Mậu Tuất: nghỉ từ 29 tháng Chạp (14/2) đến mùng 5 (20/2/2018)",
            document: "Thông báo 5427/TB-LĐTBXH ngày 22/12/2017"),
        CalendarOverride(
            date: CalendarDate(existing: 2018, 2, 21), kind: .workingDay, reason: "Tết Mậu Tuất kết thúc ngày 20/2/2018: thứ Tư 21/2 làm việc bình thường",
            document: "Thông báo 5427/TB-LĐTBXH ngày 22/12/2017"),
        CalendarOverride(
            date: CalendarDate(existing: 2018, 12, 31), kind: .dayOff, reason: "Nghỉ hoán đổi dịp Tết Dương lịch 2019, làm bù thứ Bảy 5/1/2019",
            document: "Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH"),
        CalendarOverride(
            date: CalendarDate(existing: 2019, 1, 5), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Hai 31/12/2018",
            document: "Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH"),
        CalendarOverride(
            date: CalendarDate(existing: 2019, 4, 29), kind: .dayOff, reason: "Nghỉ hoán đổi dịp 30/4–1/5/2019, làm bù thứ Bảy 4/5/2019",
            document: "Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH"),
        CalendarOverride(
            date: CalendarDate(existing: 2019, 5, 4), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Hai 29/4/2019",
            document: "Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH"),
        CalendarOverride(
            date: CalendarDate(existing: 2020, 1, 23), kind: .dayOff, reason: "Tết Canh Tý: nghỉ từ 29 tháng Chạp (23/1) đến mùng 5 (29/1/2020)",
            document: "Thông báo 4544/TB-LĐTBXH ngày 25/10/2019"),
        CalendarOverride(
            date: CalendarDate(existing: 2020, 1, 30), kind: .workingDay, reason: "Tết Canh Tý kết thúc ngày 29/1/2020: thứ Năm 30/1 làm việc bình thường",
            document: "Thông báo 4544/TB-LĐTBXH ngày 25/10/2019"),
        CalendarOverride(
            date: CalendarDate(existing: 2021, 2, 10), kind: .dayOff, reason: "Tết Tân Sửu: nghỉ từ 29 tháng Chạp (10/2) đến mùng 5 (16/2/2021)",
            document: "Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)"),
        CalendarOverride(
            date: CalendarDate(existing: 2021, 2, 17), kind: .workingDay, reason: "Tết Tân Sửu kết thúc ngày 16/2/2021: thứ Tư 17/2 làm việc bình thường",
            document: "Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)"),
        CalendarOverride(
            date: CalendarDate(existing: 2021, 9, 1), kind: .workingDay, reason: "Quốc khánh 2021 nghỉ 2/9 và 3/9: thứ Tư 1/9 làm việc bình thường",
            document: "Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)"),
        CalendarOverride(
            date: CalendarDate(existing: 2021, 9, 3), kind: .dayOff, reason: "Quốc khánh 2021: ngày liền kề là thứ Sáu 3/9 (nghỉ 2/9–5/9)",
            document: "Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)"),
        CalendarOverride(
            date: CalendarDate(existing: 2023, 1, 20), kind: .dayOff, reason: "Tết Quý Mão: nghỉ từ 29 tháng Chạp (20/1) đến mùng 5 (26/1/2023)",
            document: "Văn bản 8056/VPCP-KGVX ngày 01/12/2022"),
        CalendarOverride(
            date: CalendarDate(existing: 2023, 1, 27), kind: .workingDay, reason: "Tết Quý Mão kết thúc ngày 26/1/2023: thứ Sáu 27/1 làm việc bình thường",
            document: "Văn bản 8056/VPCP-KGVX ngày 01/12/2022"),
        CalendarOverride(
            date: CalendarDate(existing: 2024, 2, 8), kind: .dayOff, reason: "Tết Giáp Thìn: nghỉ từ 29 tháng Chạp (8/2) đến mùng 5 (14/2/2024)",
            document: "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023"),
        CalendarOverride(
            date: CalendarDate(existing: 2024, 2, 15), kind: .workingDay, reason: "Tết Giáp Thìn kết thúc ngày 14/2/2024: thứ Năm 15/2 làm việc bình thường",
            document: "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023"),
        CalendarOverride(
            date: CalendarDate(existing: 2024, 4, 29), kind: .dayOff, reason: "Nghỉ hoán đổi dịp 30/4–1/5/2024, làm bù thứ Bảy 4/5/2024",
            document: "Công văn 2450/VPCP-KGVX ngày 12/4/2024"),
        CalendarOverride(
            date: CalendarDate(existing: 2024, 5, 4), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Hai 29/4/2024",
            document: "Công văn 2450/VPCP-KGVX ngày 12/4/2024"),
        CalendarOverride(
            date: CalendarDate(existing: 2025, 1, 27), kind: .dayOff, reason: "Tết Ất Tỵ: nghỉ 5 ngày từ 28 tháng Chạp (27/1) đến mùng 3 (31/1/2025)",
            document: "Thông báo 6150/TB-BLĐTBXH năm 2024 (Văn bản 8726/VPCP-KGVX ngày 26/11/2024)"),
        CalendarOverride(
            date: CalendarDate(existing: 2025, 2, 3), kind: .workingDay, reason: "Tết Ất Tỵ kết thúc ngày 2/2/2025: thứ Hai 3/2 làm việc bình thường",
            document: "Thông báo 6150/TB-BLĐTBXH năm 2024 (Văn bản 8726/VPCP-KGVX ngày 26/11/2024)"),
        CalendarOverride(
            date: CalendarDate(existing: 2025, 4, 26), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Sáu 2/5/2025",
            document: "Thông báo 6150/TB-BLĐTBXH năm 2024"),
        CalendarOverride(
            date: CalendarDate(existing: 2025, 5, 2), kind: .dayOff, reason: "Nghỉ hoán đổi dịp 30/4–1/5/2025, làm bù thứ Bảy 26/4/2025",
            document: "Thông báo 6150/TB-BLĐTBXH năm 2024"),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 1, 2), kind: .dayOff, reason: "Nghỉ hoán đổi dịp Tết Dương lịch 2026, làm bù thứ Bảy 10/1/2026",
            document: "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 1, 10), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Sáu 2/1/2026",
            document: "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 8, 22), kind: .workingDay, reason: "Làm bù cho ngày nghỉ thứ Hai 31/8/2026",
            document: "Thông báo 9441/TB-BNV ngày 16/10/2025"),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 8, 31), kind: .dayOff, reason: "Nghỉ hoán đổi dịp Quốc khánh 2026, làm bù thứ Bảy 22/8/2026",
            document: "Thông báo 9441/TB-BNV ngày 16/10/2025"),
        CalendarOverride(
            date: CalendarDate(existing: 2026, 11, 24), kind: .dayOff, reason: "Ngày Văn hóa Việt Nam, nghỉ hưởng nguyên lương",
            document: "Nghị quyết 80-NQ/TW ngày 7/1/2026 (verify: văn bản sửa Bộ luật Lao động, Nghị quyết 28/2026/QH16)"),
    ]
}
