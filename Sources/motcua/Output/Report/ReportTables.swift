import MotCua

/// The report tables, each in one place, for the text and CSV of every report command.
enum ReportTables {
    /// Period figures, a line per group (province, department or procedure).
    static func figures(_ lines: [PeriodReport.Line], _ c: ReportCells) -> Table {
        Table(
            headers: [
                c.header("Mã", "code"), c.header("Tên", "name"), c.header("Kỳ trước", "carried_over"), c.header("Mới", "new"),
                c.header("Trực tuyến", "new_online"), c.header("Đã giải quyết", "resolved"), c.header("Trước hạn", "early"),
                c.header("Đúng hạn", "on_time"), c.header("Trễ hạn", "late"), c.header("Đang giải quyết", "pending"),
                c.header("Quá hạn", "overdue"), c.header("Từ chối/Rút/Dừng", "refused_withdrawn_stopped"), c.header("Bổ sung", "supplement_requests"),
                c.header("Xin lỗi", "apologies"), c.header("TG TB (ngày LV)", "average_days"), c.header("p90", "p90_days"),
                c.header("Thời hạn TB", "average_limit_days"), c.header("Tỷ lệ đúng hạn", "on_time_rate"),
            ],
            rows: lines.map { line in
                let f = line.figures
                return [
                    line.procedure ?? line.department ?? c.header("Toàn tỉnh", "province"), line.name, c.count(f.carriedOver), c.count(f.newReceived),
                    c.count(f.newOnline), c.count(f.resolved), c.count(f.resolvedEarly), c.count(f.resolvedOnTime), c.count(f.resolvedLate),
                    c.count(f.pending), c.count(f.pendingOverdue), c.count(f.refused + f.withdrawn + f.stopped), c.count(f.supplementRequests),
                    c.count(f.apologies), c.days(f.averageProcessingDays), c.int(f.p90ProcessingDays), c.days(f.averageLimitDays),
                    c.rate(f.onTimeRate, base: f.resolved),
                ]
            })
    }

    /// Each department's steps against their allowance.
    static func allowances(_ lines: [PeriodReport.AllowanceLine], _ c: ReportCells) -> Table {
        Table(
            headers: [
                c.header("Đơn vị", "department"), c.header("Bước đã xử lý", "steps"), c.header("Vượt thời hạn bước", "over_allowance"),
                c.header("TG TB (ngày LV)", "average_days_used"), c.header("Thời hạn bước TB", "average_allowance"),
                c.header("Làm trễ hồ sơ", "made_late"),
            ],
            rows: lines.map {
                [$0.department, c.count($0.steps), c.count($0.overAllowance), c.days($0.averageDaysUsed), c.days($0.averageAllowance), c.count($0.madeLate)]
            })
    }

    /// An overdue or at-risk list.
    static func supervision(_ list: SupervisionList, _ c: ReportCells) -> Table {
        let overdue = list.kind == .overdue
        return Table(
            headers: [
                c.header("Mã hồ sơ", "dossier"), c.header("Thủ tục", "procedure"), c.header("Đơn vị chủ trì", "department"),
                c.header("Đang ở", "held_by"), c.header("Hạn trả", "due_date"), c.header("Hẹn lại (Mẫu 04)", "promised_date"),
            ]
                + (overdue
                    ? [c.header("Quá hạn từ", "overdue_since"), c.header("Trễ (ngày LV)", "working_days_late")]
                    : [c.header("Còn (ngày LV)", "working_days_left"), c.header("Bước thường mất (p75)", "usual_step_days")]),
            rows: list.lines.map { line in
                [line.dossierCode, line.procedureCode, line.department, line.holder, c.date(line.dueDate), c.date(line.promisedDate)]
                    + (overdue ? [c.date(line.overdueSince), c.int(line.workingDaysLate)] : [c.int(line.workingDaysLeft), c.int(line.usualStepDays)])
            })
    }

    /// The live steps each department holds now.
    static func holding(_ lines: [PeriodReport.HoldingLine], _ c: ReportCells) -> Table {
        Table(
            headers: [c.header("Đơn vị", "department"), c.header("Đang giữ", "held"), c.header("Quá hạn", "overdue")],
            rows: lines.map { [$0.department, c.count($0.held), c.count($0.overdue)] })
    }

    /// Officers' workload.
    static func officers(_ report: OfficerWorkload, _ c: ReportCells) -> Table {
        Table(
            headers: [
                c.header("Cán bộ", "officer"), c.header("Đơn vị", "department"), c.header("Vai trò", "role"), c.header("Đang giữ", "held"),
                c.header("Quá hạn", "overdue"), c.header("Giữ lâu nhất từ", "oldest_assigned_at"), c.header("Đã xử lý trong kỳ", "completed"),
            ],
            rows: report.officers.map {
                [$0.officer, $0.department, $0.role, c.count($0.held), c.count($0.overdue), c.moment($0.oldestAssignedAt), c.count($0.completed)]
            })
    }

    /// The trend by week or month.
    static func trend(_ report: TrendReport, _ c: ReportCells) -> Table {
        Table(
            headers: [
                c.header(report.unit == .week ? "Tuần từ" : "Tháng từ", "from"), c.header("Đến", "to"), c.header("Trọn kỳ", "whole"),
                c.header("Mới tiếp nhận", "new"), c.header("Đã giải quyết", "resolved"),
                c.header("Trễ hạn", "late"), c.header("Tỷ lệ đúng hạn", "on_time_rate"), c.header("Đang giải quyết cuối kỳ", "open_at_end"),
                c.header("Quá hạn cuối kỳ", "overdue_at_end"),
            ],
            rows: report.buckets.map {
                [
                    c.date($0.from), c.date($0.to), $0.partial ? c.header("chưa trọn", "no") : c.header("trọn", "yes"), c.count($0.newReceived),
                    c.count($0.resolved), c.count($0.resolvedLate), c.rate($0.onTimeRate, base: $0.resolved),
                    c.count($0.openAtEnd), c.count($0.overdueAtEnd),
                ]
            })
    }

    /// The Decision 766 groups, a line per indicator.
    static func index(_ index: ServiceIndex, _ c: ReportCells) -> Table {
        func points(_ value: Double?) -> String {
            value.map { c.csv ? String(format: "%.2f", $0) : String(format: "%.2f", $0).replacingOccurrences(of: ".", with: ",") } ?? (c.csv ? "" : "—")
        }
        return Table(
            headers: [
                c.header("Nhóm", "group"), c.header("Điểm nhóm", "group_points"), c.header("Chỉ số", "indicator"), c.header("Tỷ lệ", "rate"),
                c.header("Mục tiêu", "target"), c.header("Điểm tối đa", "points"), c.header("Điểm đạt", "earned"), c.header("Ghi chú", "note"),
            ],
            rows: index.groups.flatMap { group in
                group.indicators.map {
                    [
                        group.name, points(group.points), $0.name, c.csv ? ($0.rate.map { String(format: "%.4f", $0) } ?? "") : ReportFormat.percent($0.rate),
                        c.csv ? ($0.target.map { String(format: "%.2f", $0) } ?? "") : ReportFormat.percent($0.target), points($0.points), points($0.earned),
                        $0.note ?? "",
                    ]
                }
            })
    }
}
