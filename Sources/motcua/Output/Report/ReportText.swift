import Foundation
import MotCua

/// The reports as a Vietnamese reader reads them on a terminal.
enum ReportText {
    /// The classic period report of one group, as labelled lines.
    static func headline(_ f: PeriodFigures, _ a: Anonymiser) -> [String] {
        let n = a.count
        return [
            "Tiếp nhận: \(n(f.received)) (kỳ trước chuyển sang \(n(f.carriedOver)); mới \(n(f.newReceived)): trực tiếp \(n(f.newDesk)), trực tuyến \(n(f.newOnline)), bưu chính \(n(f.newPost)))",
            "Đã giải quyết: \(n(f.resolved)) (trước hạn \(n(f.resolvedEarly)), đúng hạn \(n(f.resolvedOnTime)), trễ hạn \(n(f.resolvedLate)), trong đó có thư xin lỗi \(n(f.resolvedLateApologised)), trễ cả ngày hẹn lại \(n(f.resolvedLatePastPromise))); "
                + "tỷ lệ đúng hạn "
                + ReportFormat.paint(a.rate(f.onTimeRate, base: f.resolved), rate: a.hides(f.resolved) ? nil : f.onTimeRate),
            "Đang giải quyết cuối kỳ: \(n(f.pending)) (trong hạn \(n(f.pendingNotDue)), quá hạn \(n(f.pendingOverdue)))",
            "Từ chối sau thẩm định \(n(f.refused)) · rút hồ sơ \(n(f.withdrawn)) · dừng xử lý \(n(f.stopped)) · yêu cầu bổ sung \(n(f.supplementRequests)) · phiếu xin lỗi \(n(f.apologies))",
            "Không tiếp nhận tại quầy: từ chối \(n(f.refusedAtDesk)), trả lại chưa đủ hồ sơ \(n(f.returnedIncomplete))",
            "Thời gian xử lý: trung bình \(ReportFormat.days(f.averageProcessingDays)) ngày làm việc, p90 \(f.p90ProcessingDays.map(String.init) ?? "—") (thời hạn trung bình \(ReportFormat.days(f.averageLimitDays)))",
            "Nộp trực tuyến \(a.rate(f.onlineSubmissionShare, base: f.newReceived)) · thanh toán trực tuyến \(a.rate(f.onlinePaymentShare, base: f.payments)) · kết quả điện tử \(a.rate(f.electronicResultShare, base: f.results)) · mức độ hài lòng \(a.rate(f.satisfaction, base: f.evaluations))",
        ]
    }

    static func title(_ what: String, _ period: ReportPeriod?, asOf: Date) -> String {
        ReportFormat.bold(what + (period.map { " — kỳ \(ReportFormat.period($0))" } ?? "")) + ", số liệu lúc \(ReportFormat.moment(asOf))"
    }

    static func dashboard(_ d: Dashboard, _ a: Anonymiser) -> String {
        let c = ReportCells(anonymiser: a, csv: false)
        let rates = d.trend.buckets.map(\.onTimeRate)
        return
            ([title("BẢNG ĐIỀU HÀNH" + (d.report.department.map { " — \($0)" } ?? ""), d.report.period, asOf: d.report.asOf)]
            + headline(d.report.total.figures, a)
            + [
                "Tỷ lệ đúng hạn 12 tuần: \(ReportFormat.sparkline(rates)) (\(ReportFormat.percent(rates.compactMap { $0 }.first)) → \(ReportFormat.percent(rates.last ?? nil)))",
                "",
                ReportFormat.bold("Theo đơn vị (tỷ lệ đúng hạn thấp nhất trước)"),
                d.departments.isEmpty ? "  không có hồ sơ" : ReportTables.figures(d.departments, c).text(),
                "",
                ReportFormat.bold("Quá hạn lâu nhất (\(a.count(d.overdue.total)) hồ sơ quá hạn)"),
                d.overdue.lines.isEmpty ? "  không có" : ReportTables.supervision(d.overdue, c).text(),
                "",
                ReportFormat.bold("Có nguy cơ trễ hạn (\(a.count(d.atRisk.total)) hồ sơ)"),
                d.atRisk.lines.isEmpty ? "  không có" : ReportTables.supervision(d.atRisk, c).text(),
            ]).joined(separator: "\n")
    }

    /// A department's or a procedure's report.
    static func period(_ r: PeriodReport, subject: String, _ a: Anonymiser) -> String {
        let c = ReportCells(anonymiser: a, csv: false)
        var parts = [title(subject + " — " + r.total.name, r.period, asOf: r.asOf)]
        if r.department != nil && r.departments.isEmpty {
            parts.append("Đơn vị không chủ trì hồ sơ nào trong kỳ; công việc của đơn vị là các bước liên thông dưới đây.")
        }
        parts += headline(r.total.figures, a)
        if r.procedure == nil && !r.procedures.isEmpty {
            parts += ["", ReportFormat.bold("Theo thủ tục"), ReportTables.figures(r.procedures, c).text()]
        }
        parts += [
            "", ReportFormat.bold(r.procedure == nil ? "Các bước của đơn vị so với thời hạn bước" : "Từng đơn vị liên thông so với thời hạn bước"),
            r.allowances.isEmpty ? "  không có bước nào hoàn thành trong kỳ" : ReportTables.allowances(r.allowances, c).text(),
            "", ReportFormat.bold("Bước đang giữ lúc đọc báo cáo"),
            r.holding.isEmpty ? "  không có" : ReportTables.holding(r.holding, c).text(),
        ]
        return parts.joined(separator: "\n")
    }

    static func list(_ list: SupervisionList, _ a: Anonymiser) -> String {
        let what = list.kind == .overdue ? "HỒ SƠ QUÁ HẠN" : "HỒ SƠ CÓ NGUY CƠ TRỄ HẠN"
        let shown = list.lines.count < list.total ? " (\(list.lines.count) đầu tiên; --limit để xem thêm)" : ""
        return [
            title(what + (list.department.map { " — \($0)" } ?? ""), nil, asOf: list.asOf) + ": \(a.count(list.total)) hồ sơ\(shown)",
            list.lines.isEmpty ? "  không có" : ReportTables.supervision(list, ReportCells(anonymiser: a, csv: false)).text(),
        ].joined(separator: "\n")
    }
}
