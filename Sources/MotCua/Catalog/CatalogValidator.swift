import CivilTime
import Foundation

/// The rules a decoded catalog must satisfy, all checked in one pass so every problem is
/// reported together. They include the database's own checks, so a valid catalog never fails
/// half-way through a load. Every reference (owner, route step, officer, successor) must name a
/// department of the same file, and an officer's procedures must be procedures of the same file
/// with a review or signature step at the officer's department.
struct CatalogValidator {
    static let departmentCode = "^[A-Z][A-Z0-9_]{1,31}$"
    static let agencyEID = "^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$"
    static let officerCode = "^[a-z0-9][a-z0-9._-]{1,63}$"
    static let documentCode = "^[a-z0-9_]{1,64}$"
    static let nationalProcedureCode = "^[0-9]\\.[0-9]{6}$"
    static let localProcedureCode = "^[A-Z]{2}\\.[A-Z]{2,8}\\.[0-9]{3}$"
    /// What a local code's source note must contain until the national code is known:
    /// `(verify)` or `(verify: what to check)`.
    static let verifyMark = "(verify"

    let file: String
    private var found: [CatalogIssue] = []
    private var departments: [String: CatalogDepartment] = [:]

    init(file: String) { self.file = file }

    /// Every problem of `catalog`, in file order.
    func issues(of catalog: Catalog) -> [CatalogIssue] {
        var validator = self
        for department in catalog.departments where validator.departments[department.code] == nil {
            validator.departments[department.code] = department
        }
        if catalog.format != Catalog.formatVersion {
            validator.report("format", "is \(catalog.format), but this MotCua reads format \(Catalog.formatVersion); convert the file or upgrade MotCua")
        }
        validator.checkDepartments(catalog.departments)
        validator.checkOfficers(catalog.officers, procedures: catalog.procedures)
        validator.checkProcedures(catalog.procedures)
        return validator.found
    }

    private mutating func report(_ location: String, _ problem: String) {
        found.append(CatalogIssue(file: file, location: location, problem: problem))
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    private static func isBlank(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Reports a second use of a code; `seen` maps codes to the index that used them first.
    private mutating func checkUnique(_ code: String, at index: Int, in list: String, seen: inout [String: Int]) {
        if let first = seen[code] {
            report("\(list)[\(index)].code", "\(code) is also the code of \(list)[\(first)]; codes must be unique, so rename or remove one of them")
        } else {
            seen[code] = index
        }
    }

    private mutating func checkDepartments(_ list: [CatalogDepartment]) {
        var seen: [String: Int] = [:]
        for (index, department) in list.enumerated() {
            let at = "departments[\(index)]"
            if !Self.matches(department.code, Self.departmentCode) {
                report(
                    "\(at).code",
                    "\"\(department.code)\" is not a department code; use 2 to 32 capital letters, digits or _, starting with a letter, such as STC")
            }
            checkUnique(department.code, at: index, in: "departments", seen: &seen)
            if Self.isBlank(department.name) { report("\(at).name", "is empty; write the department's Vietnamese name") }
            if !Self.matches(department.agencyEID, Self.agencyEID) {
                report(
                    "\(at).agency_eid",
                    "\"\(department.agencyEID)\" is not an agency e-ID; write it like 000.00.09.H19 (3 digits, 2 digits, 2 digits, a capital letter and 2 digits)"
                )
            }
            if let until = department.validUntil, until <= department.validFrom {
                report(
                    "\(at).valid_until",
                    "\(until) is not after valid_from \(department.validFrom); valid_until is the first day the department is no longer in force, so make it later"
                )
            }
            if let successor = department.succeededBy { checkSuccession(of: department, by: successor, at: at) }
        }
    }

    private mutating func checkSuccession(of department: CatalogDepartment, by code: String, at: String) {
        guard let successor = departments[code] else {
            report("\(at).succeeded_by", "\"\(code)\" is not a department of this file; add it under departments or correct the code")
            return
        }
        guard let until = department.validUntil else {
            report("\(at).valid_until", "is missing: a department succeeded by \(code) must end; add valid_until, the day \(code) takes over")
            return
        }
        if !successor.isInForce(on: until) {
            report(
                "\(at).succeeded_by",
                "\(code) is not in force on \(until), the day \(department.code) ends (\(code) is \(Self.validity(of: successor))); align the dates")
        }
    }

    private static func validity(of department: CatalogDepartment) -> String {
        "in force from \(department.validFrom)" + (department.validUntil.map { " until \($0)" } ?? "")
    }

    private mutating func checkOfficers(_ list: [CatalogOfficer], procedures: [CatalogProcedure]) {
        var routes: [String: [RouteStep]] = [:]
        for procedure in procedures where routes[procedure.code] == nil { routes[procedure.code] = procedure.route }
        var seen: [String: Int] = [:]
        for (index, officer) in list.enumerated() {
            let at = "officers[\(index)]"
            if !Self.matches(officer.code, Self.officerCode) {
                report(
                    "\(at).code",
                    "\"\(officer.code)\" is not an officer code; use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, such as stc.cb01"
                )
            }
            checkUnique(officer.code, at: index, in: "officers", seen: &seen)
            if departments[officer.department] == nil {
                report("\(at).department", "\"\(officer.department)\" is not a department of this file; use a code defined under departments")
            }
            if Self.isBlank(officer.displayName) { report("\(at).display_name", "is empty; write the name shown to colleagues") }
            checkAssignment(of: officer, at: at, routes: routes)
        }
    }

    /// Each procedure an officer is configured for must be in the file, once, and reach the
    /// officer's department for review or signature; otherwise the entry would never apply.
    private mutating func checkAssignment(of officer: CatalogOfficer, at: String, routes: [String: [RouteStep]]) {
        var listed: Set<String> = []
        for (index, code) in officer.procedures.enumerated() {
            let location = "\(at).procedures[\(index)]"
            guard listed.insert(code).inserted else {
                report(location, "\(code) is listed twice; list each procedure once")
                continue
            }
            guard let route = routes[code] else {
                report(location, "\(code) is not a procedure of this file; use a code defined under procedures")
                continue
            }
            if !route.contains(where: { $0.department == officer.department && $0.kind != .automatic }) {
                report(
                    location,
                    "\(code) has no review or signature step at \(officer.department), so it never reaches this officer; remove it or add the step to the route"
                )
            }
        }
    }

    private mutating func checkProcedures(_ list: [CatalogProcedure]) {
        var seen: [String: Int] = [:]
        for (index, procedure) in list.enumerated() {
            let at = "procedures[\(index)]"
            checkCode(of: procedure, at: at)
            checkUnique(procedure.code, at: index, in: "procedures", seen: &seen)
            if Self.isBlank(procedure.name) { report("\(at).name", "is empty; write the procedure's Vietnamese name") }
            if Self.isBlank(procedure.field) { report("\(at).field", "is empty; write the procedure's field (lĩnh vực)") }
            if Self.isBlank(procedure.sourceNote) {
                report("\(at).source_note", "is empty; say where the limit and fee come from (decision, circular), with (verify) when unchecked")
            }
            checkDepartment(procedure.department, at: "\(at).department", on: procedure.effectiveFrom)
            checkLimit(procedure.timeLimit, at: "\(at).time_limit")
            checkFee(procedure.fee, at: "\(at).fee")
            checkDocuments(procedure.documents, at: at)
            checkRoute(of: procedure, at: at)
        }
    }

    private mutating func checkCode(of procedure: CatalogProcedure, at: String) {
        if Self.matches(procedure.code, Self.localProcedureCode) {
            if !procedure.sourceNote.contains(Self.verifyMark) {
                report(
                    "\(at).source_note",
                    "\(procedure.code) is a local code, so the source note must say (verify) or (verify: what to check) until the national code is known")
            }
        } else if !Self.matches(procedure.code, Self.nationalProcedureCode) {
            report(
                "\(at).code",
                "\"\(procedure.code)\" is not a procedure code; use the national code (such as 2.001610) or, when there is none, a local code such as DN.LT.001"
            )
        }
    }

    /// Checks that `code` names a department of the file in force on `day`.
    private mutating func checkDepartment(_ code: String, at location: String, on day: CalendarDate) {
        guard let department = departments[code] else {
            report(location, "\"\(code)\" is not a department of this file; use a code defined under departments")
            return
        }
        if !department.isInForce(on: day) {
            let hint = department.succeededBy.map { "use its successor \($0)" } ?? "use a department in force then, or change effective_from"
            report(location, "\(code) is not in force on \(day), when the procedure takes effect (\(code) is \(Self.validity(of: department))); \(hint)")
        }
    }

    /// The plausible ranges of catalog values: a value outside them is a typo (an extra zero,
    /// hours written as days), not a law.
    enum Plausible {
        /// The longest time limit in each unit: a year of working days or hours, two years of days.
        static let limits: [TimeLimit.Unit: Int] = [.workingDays: 365, .workingHours: 2920, .calendarDays: 730]
        /// The highest fee or fee cap in đồng (100 million đồng).
        static let amount: Decimal = 100_000_000
        /// The most pages a per-page scale may charge its first rate for.
        static let firstPages = 1000
        /// The most copies of one document a procedure may ask for.
        static let copies = 100
    }

    private mutating func checkLimit(_ limit: TimeLimit, at: String) {
        let most = Plausible.limits[limit.unit] ?? 0
        if limit.value > most {
            report("\(at).value", "\(limit.value) \(limit.unit.rawValue) is implausible; a time limit in \(limit.unit.rawValue) is at most \(most)")
        }
    }

    private mutating func checkAmount(_ amount: Decimal, at: String, what: String) {
        if amount < 0 { report(at, "is negative; write \(what) in đồng, 0 or more") }
        if amount > Plausible.amount { report(at, "\(amount) đồng is implausible; \(what) is at most 100000000 đồng (check for an extra zero)") }
    }

    private mutating func checkFee(_ fee: FeeSchedule, at: String) {
        switch fee {
        case .none:
            break
        case .fixed(let amount, let onlineAmount):
            checkAmount(amount, at: "\(at).amount", what: "the fee")
            if let onlineAmount { checkAmount(onlineAmount, at: "\(at).online_amount", what: "the fee online") }
        case .perPage(let firstPages, let firstAmount, let nextAmount, let cap):
            if !(1...Plausible.firstPages).contains(firstPages) {
                report("\(at).first_pages", "must be between 1 and \(Plausible.firstPages): the number of pages charged first_page_amount")
            }
            checkAmount(firstAmount, at: "\(at).first_page_amount", what: "the fee a page")
            checkAmount(nextAmount, at: "\(at).next_page_amount", what: "the fee a page")
            if let cap { checkAmount(cap, at: "\(at).cap", what: "the highest total fee") }
        }
    }

    private mutating func checkDocuments(_ documents: [RequiredDocument], at procedure: String) {
        var seen: [String: Int] = [:]
        for (index, document) in documents.enumerated() {
            let at = "\(procedure).documents[\(index)]"
            if !Self.matches(document.code, Self.documentCode) {
                report("\(at).code", "\"\(document.code)\" is not a document code; use 1 to 64 lower-case letters, digits or _, such as giay_de_nghi")
            }
            if let first = seen[document.code] {
                report("\(at).code", "\(document.code) is also the code of \(procedure).documents[\(first)]; codes must be unique within a procedure")
            } else {
                seen[document.code] = index
            }
            if Self.isBlank(document.name) { report("\(at).name", "is empty; write the document's name as the desk checks it") }
            if !(1...Plausible.copies).contains(document.copies) { report("\(at).copies", "must be between 1 and \(Plausible.copies)") }
        }
    }

    private mutating func checkRoute(of procedure: CatalogProcedure, at: String) {
        guard !procedure.route.isEmpty else {
            report("\(at).route", "is empty; list the steps in order, at least one")
            return
        }
        for (index, step) in procedure.route.enumerated() {
            checkDepartment(step.department, at: "\(at).route[\(index)].department", on: procedure.effectiveFrom)
            if let allowance = step.allowance, allowance < 0 {
                report("\(at).route[\(index)].allowance", "is negative; write the step's share of the limit, 0 or more")
            }
            if step.excludedFromLimit && step.kind == .automatic {
                report(
                    "\(at).route[\(index)].excluded_from_limit",
                    "is set on an automatic step; only a step officers decide (review or signature) takes time the law excludes: set it on that step")
            }
        }
        let counted = procedure.route.enumerated().filter { !$0.element.excludedFromLimit }
        let given = counted.compactMap(\.element.allowance)
        if !given.isEmpty && given.count < counted.count {
            for (index, step) in counted where step.allowance == nil {
                report(
                    "\(at).route[\(index)].allowance",
                    "is missing while other steps have one; give every step counted in the limit an allowance (0 is allowed), or give none")
            }
        }
        let total = given.reduce(Decimal(0), +)
        let limit = procedure.timeLimit
        if total > Decimal(limit.value) {
            report(
                "\(at).route",
                "the allowances of the steps counted in the limit add up to \(total), more than the time_limit of \(limit); lower them, or set excluded_from_limit on steps the law excludes"
            )
        }
    }
}
