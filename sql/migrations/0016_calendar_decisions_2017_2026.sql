-- The official decisions over the computed holiday calendar from the year the center opened
-- (2017) to 2026, so that the deadline of any dossier since then comes out as it did. Only the
-- days where a decision differs from what the Labour Code in force computes are stored (see
-- PublicHolidays.swift): Tết windows placed otherwise than "the last day of the old year and
-- days 1–4", swapped days with their make-up Saturdays, and the National Day adjacent day when
-- the Prime Minister chose the 3rd. A `working_day` on a weekday is a day the computed default
-- would have given off (a compensatory day) that the decision made an ordinary working day.
-- Sources and confidence for each row: docs/CALENDAR.md. Days an operator already decided are
-- left as they are.
INSERT INTO calendar_override (day, kind, reason, document) VALUES
    (DATE '2017-01-26', 'day_off',     'Tết Đinh Dậu: nghỉ từ 29 tháng Chạp (26/1) đến mùng 5 (1/2/2017)', 'Công văn 9794/VPCP-KGVX ngày 14/11/2016'),
    (DATE '2017-02-02', 'working_day', 'Tết Đinh Dậu kết thúc ngày 1/2/2017: thứ Năm 2/2 làm việc bình thường', 'Công văn 9794/VPCP-KGVX ngày 14/11/2016'),
    (DATE '2018-02-14', 'day_off',     'Tết Mậu Tuất: nghỉ từ 29 tháng Chạp (14/2) đến mùng 5 (20/2/2018)', 'Thông báo 5427/TB-LĐTBXH ngày 22/12/2017'),
    (DATE '2018-02-21', 'working_day', 'Tết Mậu Tuất kết thúc ngày 20/2/2018: thứ Tư 21/2 làm việc bình thường', 'Thông báo 5427/TB-LĐTBXH ngày 22/12/2017'),
    (DATE '2018-12-31', 'day_off',     'Nghỉ hoán đổi dịp Tết Dương lịch 2019, làm bù thứ Bảy 5/1/2019', 'Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH'),
    (DATE '2019-01-05', 'working_day', 'Làm bù cho ngày nghỉ thứ Hai 31/12/2018', 'Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH'),
    (DATE '2019-04-29', 'day_off',     'Nghỉ hoán đổi dịp 30/4–1/5/2019, làm bù thứ Bảy 4/5/2019', 'Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH'),
    (DATE '2019-05-04', 'working_day', 'Làm bù cho ngày nghỉ thứ Hai 29/4/2019', 'Công văn 6519/VPCP-KGVX ngày 11/7/2018; Thông báo 3238/TB-LĐTBXH'),
    (DATE '2020-01-23', 'day_off',     'Tết Canh Tý: nghỉ từ 29 tháng Chạp (23/1) đến mùng 5 (29/1/2020)', 'Thông báo 4544/TB-LĐTBXH ngày 25/10/2019'),
    (DATE '2020-01-30', 'working_day', 'Tết Canh Tý kết thúc ngày 29/1/2020: thứ Năm 30/1 làm việc bình thường', 'Thông báo 4544/TB-LĐTBXH ngày 25/10/2019'),
    (DATE '2021-02-10', 'day_off',     'Tết Tân Sửu: nghỉ từ 29 tháng Chạp (10/2) đến mùng 5 (16/2/2021)', 'Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)'),
    (DATE '2021-02-17', 'working_day', 'Tết Tân Sửu kết thúc ngày 16/2/2021: thứ Tư 17/2 làm việc bình thường', 'Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)'),
    (DATE '2021-09-03', 'day_off',     'Quốc khánh 2021: ngày liền kề là thứ Sáu 3/9 (nghỉ 2/9–5/9)', 'Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)'),
    (DATE '2021-09-01', 'working_day', 'Quốc khánh 2021 nghỉ 2/9 và 3/9: thứ Tư 1/9 làm việc bình thường', 'Thông báo của Bộ LĐTBXH theo ý kiến Thủ tướng ngày 26/11/2020 (verify số: 4875/TB-LĐTBXH)'),
    (DATE '2023-01-20', 'day_off',     'Tết Quý Mão: nghỉ từ 29 tháng Chạp (20/1) đến mùng 5 (26/1/2023)', 'Văn bản 8056/VPCP-KGVX ngày 01/12/2022'),
    (DATE '2023-01-27', 'working_day', 'Tết Quý Mão kết thúc ngày 26/1/2023: thứ Sáu 27/1 làm việc bình thường', 'Văn bản 8056/VPCP-KGVX ngày 01/12/2022'),
    (DATE '2024-02-08', 'day_off',     'Tết Giáp Thìn: nghỉ từ 29 tháng Chạp (8/2) đến mùng 5 (14/2/2024)', 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023'),
    (DATE '2024-02-15', 'working_day', 'Tết Giáp Thìn kết thúc ngày 14/2/2024: thứ Năm 15/2 làm việc bình thường', 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023'),
    (DATE '2024-04-29', 'day_off',     'Nghỉ hoán đổi dịp 30/4–1/5/2024, làm bù thứ Bảy 4/5/2024', 'Công văn 2450/VPCP-KGVX ngày 12/4/2024'),
    (DATE '2024-05-04', 'working_day', 'Làm bù cho ngày nghỉ thứ Hai 29/4/2024', 'Công văn 2450/VPCP-KGVX ngày 12/4/2024'),
    (DATE '2025-01-27', 'day_off',     'Tết Ất Tỵ: nghỉ 5 ngày từ 28 tháng Chạp (27/1) đến mùng 3 (31/1/2025)', 'Thông báo 6150/TB-BLĐTBXH năm 2024 (Văn bản 8726/VPCP-KGVX ngày 26/11/2024)'),
    (DATE '2025-02-03', 'working_day', 'Tết Ất Tỵ kết thúc ngày 2/2/2025: thứ Hai 3/2 làm việc bình thường', 'Thông báo 6150/TB-BLĐTBXH năm 2024 (Văn bản 8726/VPCP-KGVX ngày 26/11/2024)'),
    (DATE '2026-01-02', 'day_off',     'Nghỉ hoán đổi dịp Tết Dương lịch 2026, làm bù thứ Bảy 10/1/2026', 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025'),
    (DATE '2026-01-10', 'working_day', 'Làm bù cho ngày nghỉ thứ Sáu 2/1/2026', 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025'),
    (DATE '2026-11-24', 'day_off',     'Ngày Văn hóa Việt Nam, nghỉ hưởng nguyên lương', 'Nghị quyết 80-NQ/TW ngày 7/1/2026 (verify: văn bản sửa Bộ luật Lao động, Nghị quyết 28/2026/QH16)')
ON CONFLICT (day) DO NOTHING;

-- The swaps migration 0004 shipped with their document still to verify, now with the document
-- (only where the row is still the one shipped).
UPDATE calendar_override SET reason = 'Nghỉ hoán đổi dịp 30/4–1/5/2025, làm bù thứ Bảy 26/4/2025', document = 'Thông báo 6150/TB-BLĐTBXH năm 2024'
WHERE day = DATE '2025-05-02' AND document = 'Thông báo 6150/TB-BNV';
UPDATE calendar_override SET reason = 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025', document = 'Thông báo 6150/TB-BLĐTBXH năm 2024'
WHERE day = DATE '2025-04-26' AND document = 'Thông báo 6150/TB-BNV';
UPDATE calendar_override SET reason = 'Nghỉ hoán đổi dịp Quốc khánh 2026, làm bù thứ Bảy 22/8/2026', document = 'Thông báo 9441/TB-BNV ngày 16/10/2025'
WHERE day = DATE '2026-08-31' AND document = 'Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026';
UPDATE calendar_override SET reason = 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026', document = 'Thông báo 9441/TB-BNV ngày 16/10/2025'
WHERE day = DATE '2026-08-22' AND document = 'Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026';
