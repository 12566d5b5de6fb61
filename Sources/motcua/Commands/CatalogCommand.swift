import ArgumentParser
import Foundation
import MotCua
import Postgres

/// `motcua catalog load|list|show|retract`: the versioned catalog of departments, officers and procedures.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Load and read the catalog of departments, officers and procedures.",
        subcommands: [Load.self, List.self, Show.self, Retract.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a catalog file and load it in one transaction; a changed procedure becomes a new version.",
            discussion: """
                An invalid file is not loaded: every problem is printed to stderr with its key path, and nothing is \
                written. Loading the same file again changes nothing. A new version that would take effect \
                before today ends its predecessor retroactively: it needs --backdate-reason, which is logged. \
                The Đồng Nai catalog is sql/reference/dong-nai-catalog.json; its format is described in \
                sql/reference/README.md.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The catalog file (JSON).")
        var file: String

        @Option(help: "Why new versions may take effect before today (recorded with who loaded them).")
        var backdateReason: String?

        @Option(help: "Who loads the catalog, recorded with a backdated version.")
        var actor = "catalog load"

        func run() async throws {
            let catalog = try Catalog.read(path: file)
            let reason = try backdateReason.map { try FreeText.validate($0, field: "--backdate-reason", maxLength: 500) }
            let loader = CatalogLoader(backdateReason: reason, actor: actor)
            let summary = try await database.withConnection { try await loader.load(catalog, on: $0) }
            let procedures = Table(
                headers: ["procedure", "version", "change"],
                rows: summary.procedures.map {
                    [$0.code, String($0.version), $0.change.rawValue]
                })
            try output.emit(summary, text: CatalogCommand.text(of: summary, procedures: procedures), csv: procedures.csv())
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the procedure versions in force on a day.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("The day; default today in Vietnam.", valueName: "YYYY-MM-DD"))
        var date: String?

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil {
                throw ValidationError("--date must be a day written YYYY-MM-DD, such as 2025-08-01")
            }
        }

        func run() async throws {
            let listing = try await database.withConnection { connection in
                var day = date.flatMap(CalendarDate.init(iso:))
                if day == nil { day = VietnamTime.day(of: try await DatabaseClock.now(on: connection)) }
                return try await CatalogReader.procedures(inForceOn: day!, on: connection)
            }
            let table = Table(
                headers: ["code", "version", "name", "owner", "limit", "in force from"],
                rows: listing.procedures.map {
                    [$0.code, String($0.version), $0.name, $0.department, $0.timeLimit.description, $0.effectiveFrom.description]
                })
            try output.emit(listing, text: "Thủ tục có hiệu lực ngày (procedures in force on) \(listing.day)\n\n" + table.text(), csv: table.csv())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a procedure version's full definition (documents, route, fee) and all its versions.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: DocumentOutputOptions

        @Argument(help: "The procedure code, such as 2.000815.")
        var code: String

        @Option(help: "The version to show; default the latest.")
        var version: Int?

        func validate() throws {
            if let version, version < 1 { throw ValidationError("--version must be 1 or more") }
        }

        func run() async throws {
            let detail = try await database.withConnection { try await CatalogReader.detail(code: code, version: version, on: $0) }
            try output.emit(detail, text: CatalogCommand.text(of: detail))
        }
    }

    struct Retract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back the latest version of a procedure, loaded by mistake, while no dossier uses it.",
            discussion: """
                The version's documents, steps and row are removed, the previous version is in force again as \
                before, and the retraction is logged with who, when and why; loading the corrected file then works.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        @Argument(help: "The procedure code, for example 2.001610.")
        var code: String

        @Option(help: "The version to retract (the latest).")
        var version: Int

        @Option(help: "Why it is retracted (recorded).")
        var reason: String

        func validate() throws {
            guard version >= 1 else { throw ValidationError("--version must be 1 or more") }
        }

        func run() async throws {
            let why = try FreeText.validate(reason, field: "--reason", maxLength: 500)
            try await database.withConnection { try await CatalogRetraction.retract(code: code, version: version, reason: why, actor: actor.actor, on: $0) }
            print(
                "procedure \(code) version \(version) retracted; \(version > 1 ? "version \(version - 1) is in force again" : "the procedure is no longer in the catalog")"
            )
        }
    }

    static func text(of summary: CatalogLoadSummary, procedures: Table) -> String {
        if summary.isUnchanged {
            return
                "\(summary.file): unchanged (\(summary.departments.unchanged) departments, \(summary.officers.unchanged) officers, \(summary.procedures.count) procedures)"
        }
        func tally(_ tally: CatalogLoadSummary.Tally) -> String {
            "\(tally.added) added, \(tally.updated) updated, \(tally.unchanged) unchanged"
        }
        var procedureCounts = "\(summary.count(.new)) new, \(summary.count(.newVersion)) new versions, \(summary.count(.unchanged)) unchanged"
        if summary.count(.hashRecorded) > 0 { procedureCounts += ", \(summary.count(.hashRecorded)) hash recorded" }
        return """
            \(summary.file) loaded
            departments: \(tally(summary.departments))
            officers: \(tally(summary.officers))
            procedures: \(procedureCounts)

            \(procedures.text())
            """
    }

    static func text(of detail: ProcedureDetail) -> String {
        let procedure = detail.definition
        let version = detail.version
        let until = version.effectiveUntil.map { " until \($0)" } ?? ""
        let cutoff = procedure.cutoffApplies ? ", 15:00 cut-off applies" : ""
        let documents = Table(
            headers: ["code", "name", "copies", "required"],
            rows: procedure.documents.map {
                [$0.code, $0.name, String($0.copies), $0.required ? "yes" : "no"]
            })
        let route = Table(
            headers: ["step", "department", "kind", "allowance", "counted", "description"],
            rows: procedure.route.enumerated().map {
                [
                    String($0.offset + 1), $0.element.department, $0.element.kind.rawValue, $0.element.allowance.map { "\($0)" } ?? "",
                    $0.element.excludedFromLimit ? "no" : "yes", $0.element.description,
                ]
            })
        let versions = Table(
            headers: ["version", "in force from", "until", "definition hash"],
            rows: detail.versions.map {
                [
                    String($0.version), $0.effectiveFrom.description, $0.effectiveUntil?.description ?? "",
                    $0.definitionHash.map { String($0.prefix(12)) } ?? "(none)",
                ]
            })
        return """
            \(procedure.code) v\(version.version) — \(procedure.name)
            Lĩnh vực (field): \(procedure.field)
            Cơ quan chủ trì (owner): \(procedure.department)
            Hiệu lực (in force): from \(version.effectiveFrom)\(until)
            Thời hạn (limit): \(procedure.timeLimit), \(procedure.countingConvention.rawValue)\(cutoff)
            Phí, lệ phí (fee): \(text(of: procedure.fee))
            Trực tuyến (online): \(procedure.onlineLevel.rawValue)
            Nguồn (source): \(procedure.sourceNote)

            Thành phần hồ sơ (documents)
            \(documents.text())

            Quy trình (route; allowances in the unit of the limit)
            \(route.text())

            Phiên bản (versions)
            \(versions.text())
            """
    }

    static func text(of fee: FeeSchedule) -> String {
        switch fee {
        case .none:
            return "none"
        case .fixed(let amount, let onlineAmount):
            return "\(dong(amount)) each" + (onlineAmount.map { ", \(dong($0)) online" } ?? "")
        case .perPage(let firstPages, let firstAmount, let nextAmount, let cap):
            return "\(dong(firstAmount)) a page for pages 1–\(firstPages), then \(dong(nextAmount)) a page"
                + (cap.map { ", at most \(dong($0))" } ?? "")
        }
    }

    /// An amount in đồng with Vietnamese digit grouping: `200.000 đ`.
    static func dong(_ amount: Decimal) -> String {
        let digits = "\(amount)"
        guard digits.allSatisfy(\.isNumber) else { return digits + " đ" }
        let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { end in
            String(digits.dropLast(digits.count - end).suffix(3))
        }
        return groups.joined(separator: ".") + " đ"
    }
}
