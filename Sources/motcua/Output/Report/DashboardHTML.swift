import Foundation
import MotCua

/// The dashboard as one self-contained HTML file a leader opens in a browser: inline CSS and
/// SVG (no network asset, no script), headline figures, the on-time rate per department as
/// bars, the weekly trend as a line, the overdue and at-risk lists. Every figure carries its
/// name and raw value (`data-figure`, `data-value`) as the JSON output has them.
enum DashboardHTML {
    static func render(_ d: Dashboard, _ a: Anonymiser) -> String {
        let f = d.report.total.figures
        func figure(_ name: String, _ label: String, _ value: Int) -> String {
            "<div class=\"figure\"><span class=\"label\">\(escape(label))</span><span class=\"value\" data-figure=\"\(name)\" data-value=\"\(a.hides(value) ? escape(a.mask) : String(value))\">\(escape(a.count(value)))</span></div>"
        }
        func rate(_ name: String, _ label: String, _ value: Double?, base: Int) -> String {
            let raw = a.hides(base) ? a.mask : value.map { String(format: "%.6f", $0) } ?? ""
            return
                "<div class=\"figure\"><span class=\"label\">\(escape(label))</span><span class=\"value\" data-figure=\"\(name)\" data-value=\"\(escape(raw))\">\(escape(a.rate(value, base: base)))</span></div>"
        }
        let figures = [
            figure("received", "Tiếp nhận", f.received), figure("carried_over", "Kỳ trước chuyển sang", f.carriedOver),
            figure("new_received", "Mới tiếp nhận", f.newReceived), figure("new_online", "Nộp trực tuyến", f.newOnline),
            figure("resolved", "Đã giải quyết", f.resolved), figure("resolved_early", "Trước hạn", f.resolvedEarly),
            figure("resolved_on_time", "Đúng hạn", f.resolvedOnTime), figure("resolved_late", "Trễ hạn", f.resolvedLate),
            figure("pending", "Đang giải quyết", f.pending), figure("pending_overdue", "Quá hạn", f.pendingOverdue),
            rate("on_time_rate", "Tỷ lệ đúng hạn", f.onTimeRate, base: f.resolved),
            rate("online_submission_share", "Tỷ lệ nộp trực tuyến", f.onlineSubmissionShare, base: f.newReceived),
        ].joined(separator: "\n")
        let overdue = d.overdue.lines.map {
            "<tr data-dossier=\"\(escape($0.dossierCode))\"><td>\(escape($0.dossierCode))</td><td>\(escape($0.procedureCode))</td><td>\(escape($0.holder))</td><td>\(ReportFormat.date($0.dueDate))</td><td>\($0.workingDaysLate ?? 0)</td></tr>"
        }.joined(separator: "\n")
        let atRisk = d.atRisk.lines.map {
            "<tr data-dossier=\"\(escape($0.dossierCode))\"><td>\(escape($0.dossierCode))</td><td>\(escape($0.procedureCode))</td><td>\(escape($0.holder))</td><td>\(ReportFormat.date($0.dueDate))</td><td>\($0.workingDaysLeft ?? 0)</td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>MotCua — Bảng điều hành \(escape(d.report.period.label))</title>
            <style>
            body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #1d2733; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
            .asof { color: #5b6775; }
            .figures { display: flex; flex-wrap: wrap; gap: 0.8em; }
            .figure { border: 1px solid #d5dbe3; border-radius: 6px; padding: 0.6em 0.9em; min-width: 9em; }
            .figure .label { display: block; font-size: 0.8em; color: #5b6775; } .figure .value { font-size: 1.5em; font-weight: 600; }
            table { border-collapse: collapse; } td, th { border-bottom: 1px solid #e3e7ec; padding: 0.3em 0.8em; text-align: left; }
            svg text { font-size: 12px; fill: #1d2733; }
            </style>
            </head>
            <body>
            <h1>Bảng điều hành — kỳ \(escape(ReportFormat.period(d.report.period)))\(d.report.department.map { " — " + escape($0) } ?? "")</h1>
            <p class="asof">Số liệu lúc \(ReportFormat.moment(d.report.asOf)); định nghĩa các chỉ số: docs/REPORTING.md</p>
            <div class="figures">
            \(figures)
            </div>
            <h2>Tỷ lệ đúng hạn theo đơn vị</h2>
            \(bars(d.departments, a))
            <h2>Tỷ lệ đúng hạn 12 tuần</h2>
            \(trend(d.trend))
            <h2>Hồ sơ quá hạn lâu nhất (\(escape(a.count(d.overdue.total))) hồ sơ quá hạn)</h2>
            <table id="overdue"><tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Đang ở</th><th>Hạn trả</th><th>Trễ (ngày LV)</th></tr>
            \(overdue)
            </table>
            <h2>Có nguy cơ trễ hạn (\(escape(a.count(d.atRisk.total))) hồ sơ)</h2>
            <table id="at-risk"><tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Đang ở</th><th>Hạn trả</th><th>Còn (ngày LV)</th></tr>
            \(atRisk)
            </table>
            </body>
            </html>
            """
    }

    /// One horizontal bar per department, its on-time rate.
    static func bars(_ lines: [PeriodReport.Line], _ a: Anonymiser) -> String {
        let rowHeight = 24
        let height = max(1, lines.count) * rowHeight + 10
        let rows = lines.enumerated().map { index, line in
            let y = index * rowHeight + 5
            let rate = line.figures.onTimeRate
            let hidden = a.hides(line.figures.resolved)
            let width = hidden ? 0 : Int(((rate ?? 0) * 400).rounded())
            let colour = (rate ?? 0) >= 0.95 ? "#2e8540" : (rate ?? 0) >= 0.8 ? "#d9a400" : "#c0392b"
            return """
                <g data-department="\(escape(line.department ?? ""))" data-value="\(hidden ? escape(a.mask) : rate.map { String(format: "%.6f", $0) } ?? "")">\
                <text x="0" y="\(y + 15)">\(escape(line.department ?? ""))</text>\
                <rect x="110" y="\(y)" width="\(width)" height="18" fill="\(colour)"/>\
                <text x="\(120 + width)" y="\(y + 15)">\(escape(a.rate(rate, base: line.figures.resolved)))</text></g>
                """
        }.joined(separator: "\n")
        return
            "<svg width=\"600\" height=\"\(height)\" role=\"img\" aria-label=\"Tỷ lệ đúng hạn theo đơn vị\">\n\(rows)\n</svg>"
    }

    /// The weekly on-time rate as a line (gaps where a week resolved nothing).
    static func trend(_ trend: TrendReport) -> String {
        let width = 600.0
        let height = 160.0
        let count = max(trend.buckets.count - 1, 1)
        let points = trend.buckets.enumerated().compactMap { index, bucket -> String? in
            bucket.onTimeRate.map { String(format: "%.1f,%.1f", 40 + Double(index) / Double(count) * (width - 60), 10 + (1 - $0) * (height - 40)) }
        }
        let labels = trend.buckets.enumerated().map { index, bucket in
            "<text x=\(String(format: "\"%.1f\"", 40 + Double(index) / Double(count) * (width - 60) - 14)) y=\"\(Int(height) - 8)\">\(bucket.from.day)/\(bucket.from.month)</text>"
        }.joined()
        return """
            <svg width="\(Int(width))" height="\(Int(height))" role="img" aria-label="Tỷ lệ đúng hạn theo tuần">
            <line x1="40" y1="10" x2="40" y2="\(Int(height) - 30)" stroke="#9aa5b1"/><line x1="40" y1="\(Int(height) - 30)" x2="\(Int(width) - 20)" y2="\(Int(height) - 30)" stroke="#9aa5b1"/>
            <text x="0" y="15">100%</text><text x="0" y="\(Int(height) - 30)">0%</text>
            <polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="\(points.joined(separator: " "))"/>
            \(labels)
            </svg>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
