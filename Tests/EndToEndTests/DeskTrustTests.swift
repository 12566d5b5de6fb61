import CivilTime
import Foundation
import MotCua
import Postgres
import TestSupport
import Testing

/// The desk as a hostile or careless user tries it: each refusal is a clear error, a non-zero
/// exit, and nothing written; what is accepted keeps its promises.
@Suite(.database)
struct DeskTrustTests {
    static let flags = ["intake", "submit", "--procedure", "2.000815", "--name", "Võ Thị Sáu", "--citizen-id", "075199001234", "--all-documents"]

    func rows(_ db: Connection) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["dossier", "applicant", "dossier_event", "work_item"] { counts.append(try await db.count("SELECT count(*) AS n FROM \(table)")) }
        return counts
    }

    func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test func aKeyReusedForOtherContentIsAConflictThatRevealsNothing() async throws {
        let database = TestDatabase.database.conninfo
        try await withTestConnection { db in
            let first = try await MotcuaCLI.run(Self.flags + ["--idempotency-key", "portal-1"], database: database)
            #expect(first.status == 0, "\(first)")
            let before = try await rows(db)
            let other = try await MotcuaCLI.run(
                [
                    "intake", "submit", "--procedure", "2.000815", "--name", "Lê Văn Tám", "--citizen-id", "075199005678", "--all-documents",
                    "--idempotency-key", "portal-1",
                ],
                database: database)
            #expect(other.status == 1 && other.stderr.contains(#"idempotency key "portal-1" was already used for a different submission"#), "\(other)")
            #expect(!other.stdout.contains("Võ Thị Sáu") && !other.stderr.contains("Võ Thị Sáu"), "nothing of the first submission is revealed")
            #expect(try await rows(db) == before)
            let retry = try await MotcuaCLI.run(Self.flags + ["--idempotency-key", "portal-1"], database: database)
            #expect(retry.status == 0 && retry.stdout.contains("Võ Thị Sáu"), "the same content is a retry: \(retry)")
            #expect(try await rows(db) == before)
        }
    }

    @Test func backdatingNeedsAReasonAndTheFutureIsRefused() async throws {
        let database = TestDatabase.database.conninfo
        try await withTestConnection { db in
            let now = try await DatabaseClock.now(on: db)
            let late = iso(now.addingTimeInterval(-10 * 86_400))
            let refused = try await MotcuaCLI.run(Self.flags + ["--submitted-at", late], database: database)
            #expect(refused.status == 1 && refused.stderr.contains("needs --late-entry-reason"), "\(refused)")
            let future = try await MotcuaCLI.run(Self.flags + ["--submitted-at", iso(now.addingTimeInterval(86_400))], database: database)
            #expect(future.status == 1 && future.stderr.contains("is in the future"), "\(future)")
            #expect(try await rows(db) == [0, 0, 0, 0])
            let accepted = try await MotcuaCLI.run(
                Self.flags + ["--submitted-at", late, "--late-entry-reason", "Hồ sơ nhận qua bưu điện, hệ thống gián đoạn"], database: database)
            #expect(accepted.status == 0, "\(accepted)")
            let reason: String? = try await db.query("SELECT details->>'late_entry_reason' AS r FROM dossier_event ORDER BY id LIMIT 1").single().decode("r")
            #expect(reason == "Hồ sơ nhận qua bưu điện, hệ thống gián đoạn")
        }
    }

    @Test func invalidUTF8OnTheCommandLineIsRefused() async throws {
        let database = TestDatabase.database.conninfo
        // The shell builds the name's bytes: "V" then 0xC3 0x28, which is not UTF-8.
        let out = MotcuaCLI.temporaryPath("stdout")
        let err = MotcuaCLI.temporaryPath("stderr")
        let script =
            #"exec "$0" intake submit --procedure 2.000815 --name "$(printf 'V\303(')" --citizen-id 075199001234 --all-documents --database-url "$1" >"$2" 2>"$3""#
        let child = try ChildProcess.spawn("/bin/sh", ["-c", script, try MotcuaCLI.binary(), database, out, err], environment: MotcuaCLI.environment())
        let status = await MotcuaCLI.wait(child, timeout: .seconds(60))
        let stderr = MotcuaCLI.consume(err)
        _ = MotcuaCLI.consume(out)
        #expect(status == 64 && stderr.contains("argument 6 is not valid UTF-8 text"), "\(status): \(stderr)")
        let written = try await withTestConnection { try await rows($0) }
        #expect(written == [0, 0, 0, 0])
    }

    @Test func aMissingFileOrAFolderIsAPlainSentence() async throws {
        let database = TestDatabase.database.conninfo
        let missing = try await MotcuaCLI.run(["intake", "submit", "--file", "/nonexistent/batch.jsonl"], database: database)
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/batch.jsonl: there is no such file"), "\(missing)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain") && !missing.stderr.contains("Error Domain"), "\(missing)")
        let folder = try await MotcuaCLI.run(["intake", "submit", "--file", FileManager.default.temporaryDirectory.path], database: database)
        #expect(folder.status == 1 && folder.stderr.contains("is a folder, not a file"), "\(folder)")
        let catalog = try await MotcuaCLI.run(["catalog", "load", "/nonexistent/catalog.json"], database: database)
        #expect(catalog.status == 1 && catalog.stderr.contains("there is no such file; check the path of the catalog file"), "\(catalog)")
    }

    /// An applicant without a phone tracks with the secret printed on the receipt.
    @Test func everyApplicantCanTrackWithTheSecretOnTheReceipt() async throws {
        let database = TestDatabase.database.conninfo
        let receipt = try await MotcuaCLI.run(Self.flags, database: database)
        #expect(receipt.status == 0, "\(receipt)")
        let line = try #require(receipt.stdout.split(separator: "\n").first { $0.hasPrefix("Mã tra cứu hồ sơ") })
        let secret = String(try #require(line.split(separator: ":").last)).trimmingCharacters(in: .whitespaces)
        let code = String(try #require(receipt.stdout.firstMatch(of: /Mã hồ sơ: (\S+)/)?.1))
        let tracked = try await MotcuaCLI.run(["track", code, "--secret", secret], database: database)
        #expect(tracked.status == 0 && tracked.stdout.contains(code), "\(tracked)")
        let wrong = try await MotcuaCLI.run(["track", code, "--secret", "AAAA-AAAA"], database: database)
        let unknown = try await MotcuaCLI.run(["track", "000.00.16.H19-000000-0000", "--secret", "AAAA-AAAA"], database: database)
        #expect(wrong.status == 1 && wrong.stderr == unknown.stderr, "a wrong secret answers as an unknown code does: \(wrong) \(unknown)")
        let both = try await MotcuaCLI.run(["track", code, "--secret", secret, "--phone-last4", "1234"], database: database)
        #expect(both.status != 0 && both.stderr.contains("give either --secret"), "\(both)")
    }

    /// `dossier show` shows personal data only to an officer of the holding department or the
    /// center's desk; anyone else is refused with nothing shown and the refusal logged.
    @Test func personalDataIsShownOnlyToTheOfficersWhoHoldTheDossier() async throws {
        let database = TestDatabase.database.conninfo
        _ = try await withTestConnection { db in
            try await db.query(
                "INSERT INTO officer (code, department_code, display_name) VALUES ('stp.cb01', 'STP', 'Cán bộ 01'), ('stc.cb01', 'STC', 'Cán bộ 02')")
        }
        let receipt = try await MotcuaCLI.submit(procedure: "2.000815", database: database)
        let holder = try await MotcuaCLI.run(
            ["dossier", "show", receipt.dossierCode, "--actor", "stp.cb01", "--reason", "hẹn trả kết quả"], database: database)
        #expect(holder.status == 0 && holder.stdout.contains("075201012345"), "\(holder)")
        for stranger in ["stc.cb01", "Nguyễn Văn Tò Mò"] {
            let refused = try await MotcuaCLI.run(
                ["dossier", "show", receipt.dossierCode, "--actor", stranger, "--reason", "xem thử thôi"], database: database)
            #expect(refused.status == 1 && refused.stderr.contains("is shown only to an active officer"), "\(refused)")
            #expect(refused.stdout.isEmpty && !refused.stderr.contains("075201012345") && !refused.stderr.contains(stranger), "\(refused)")
        }
        let refusals = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM personal_data_access WHERE NOT granted") }
        #expect(refusals == 2)
    }

    /// An absurd catalog value is refused by key path; a mistaken version is retracted and the
    /// shipped catalog loads again.
    @Test func referenceDataCanBeCorrected() async throws {
        let database = TestDatabase.database.conninfo
        let shipped = try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        func variant(_ old: String, _ new: String) throws -> String {
            let path = MotcuaCLI.temporaryPath("catalog.json")
            let changed = text.replacingOccurrences(of: old, with: new)
            #expect(changed != text)
            try changed.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let load = try await MotcuaCLI.run(["catalog", "load", shipped], database: database)
        #expect(load.status == 0, "\(load)")
        let absurd = try variant(#""time_limit": {"value": 3, "unit": "working_days"}"#, #""time_limit": {"value": 99999999, "unit": "working_days"}"#)
        let refused = try await MotcuaCLI.run(["catalog", "load", absurd], database: database)
        #expect(refused.status == 1 && refused.stderr.contains("time_limit.value") && refused.stderr.contains("implausible"), "\(refused)")
        let later = try variant(
            "\"department\": \"STC\",\n      \"effective_from\": \"2025-08-01\",\n      \"time_limit\": {\"value\": 3,",
            "\"department\": \"STC\",\n      \"effective_from\": \"2099-01-01\",\n      \"time_limit\": {\"value\": 4,")
        let mistaken = try await MotcuaCLI.run(["catalog", "load", later], database: database)
        #expect(mistaken.status == 0, "\(mistaken)")
        let stuck = try await MotcuaCLI.run(["catalog", "load", shipped], database: database)
        #expect(stuck.status == 1, "the shipped file no longer loads over the mistaken version: \(stuck)")
        let code = "2.001610"
        let version = try await withTestConnection {
            try await $0.query("SELECT max(version) AS v FROM procedure WHERE code = $1", [code]).single().decode("v", as: Int.self)
        }
        let retract = try await MotcuaCLI.run(
            ["catalog", "retract", code, "--version", String(version), "--reason", "Nhập nhầm ngày hiệu lực", "--actor", "ttpv.ld01"], database: database)
        #expect(retract.status == 0, "\(retract)")
        let again = try await MotcuaCLI.run(["catalog", "load", shipped], database: database)
        #expect(again.status == 0, "\(again)")
        for path in [absurd, later] { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// The calendar as the center's staff correct it.
@Suite(.database)
struct CalendarCorrectionTests {
    @Test func decisionsKeepTheCalendarsRangeProtectStatutoryHolidaysAndSayWhatTheyChange() async throws {
        let database = TestDatabase.database.conninfo
        let early = try await MotcuaCLI.run(["calendar", "set", "1900-01-01", "--off", "--reason", "x", "--document", "y"], database: database)
        #expect(early.status != 0 && early.stderr.contains("outside the calendar's years 1990–2100"), "\(early)")
        let show = try await MotcuaCLI.run(["calendar", "show", "1900"], database: database)
        #expect(show.status != 0 && show.stderr.contains("between 1990 and 2100"), "\(show)")
        let nationalDay = try await MotcuaCLI.run(["calendar", "set", "2027-09-02", "--working", "--reason", "x", "--document", "y"], database: database)
        #expect(
            nationalDay.status == 1 && nationalDay.stderr.contains("statutory holiday") && nationalDay.stderr.contains("--override-statutory"), "\(nationalDay)"
        )
        let cancelled = try await MotcuaCLI.run(
            ["calendar", "set", "2027-09-02", "--working", "--override-statutory", "--reason", "Quyết định thử nghiệm", "--document", "QĐ 1/2027"],
            database: database)
        #expect(cancelled.status == 0 && cancelled.stdout.contains("it replaces the statutory holiday"), "\(cancelled)")
        let removed = try await MotcuaCLI.run(["calendar", "unset", "2027-09-02", "--reason", "Nhập nhầm"], database: database)
        #expect(removed.status == 0 && removed.stdout.contains("the day is off by the computed calendar"), "\(removed)")
        let nothing = try await MotcuaCLI.run(["calendar", "unset", "2027-09-02", "--reason", "Nhập nhầm"], database: database)
        #expect(nothing.status == 1 && nothing.stderr.contains("has no recorded decision"), "\(nothing)")
        let logged = try await withTestConnection { try await $0.count("SELECT count(*) AS n FROM reference_event WHERE subject = 'calendar 2027-09-02'") }
        #expect(logged == 2)
    }

    @Test func aNewDayOffSaysHowManyOpenDossiersAreDueFromThenAndTheirDatesStand() async throws {
        let database = TestDatabase.database.conninfo
        let receipt = try await MotcuaCLI.submit(procedure: "2.001610", database: database)
        let due: CalendarDate = try await withTestConnection {
            try await $0.query("SELECT due_date FROM dossier WHERE code = $1", [receipt.dossierCode]).single().decode("due_date")
        }
        let set = try await MotcuaCLI.run(
            ["calendar", "set", due.description, "--off", "--reason", "Nghỉ đột xuất", "--document", "TB 9/2026"], database: database)
        #expect(set.status == 0 && set.stdout.contains("1 open dossier(s) are due on or after it; their appointment dates stand"), "\(set)")
        let after: CalendarDate = try await withTestConnection {
            try await $0.query("SELECT due_date FROM dossier WHERE code = $1", [receipt.dossierCode]).single().decode("due_date")
        }
        #expect(after == due, "the receipt's date stands")
    }
}
