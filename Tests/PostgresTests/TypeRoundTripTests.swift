import Foundation
import Postgres
import TestSupport
import Testing

/// Every parameter and result type goes to the server and back unchanged, NULL included.
@Suite(.database) struct TypeRoundTripTests {
    func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T, as sqlType: String) async throws -> T {
        let connection = try await TestDatabase.connect()
        defer { Task { await connection.close() } }
        return try await connection.query("SELECT $1::\(sqlType) AS v", [value]).single().decode("v", as: T.self)
    }

    @Test func integers() async throws {
        for value in [0, 1, -1, Int.max, Int.min] { #expect(try await roundTrip(value, as: "bigint") == value) }
        for value in [Int32.max, Int32.min, 0] { #expect(try await roundTrip(value, as: "integer") == value) }
        for value in [Int16.max, Int16.min] { #expect(try await roundTrip(value, as: "smallint") == value) }
        #expect(try await roundTrip(Int64(42), as: "bigint") == 42)
    }

    @Test func integerWideningAndNarrowing() async throws {
        let connection = try await TestDatabase.connect()
        let row = try await connection.query("SELECT 7::smallint AS s, 8::integer AS i, 3000000000::bigint AS b").single()
        #expect(try row.decode("s", as: Int.self) == 7)
        #expect(try row.decode("i", as: Int64.self) == 8)
        let error = try #require(throws: PostgresError.self) { try row.decode("b", as: Int32.self) }
        #expect(error.message.contains("\"b\"") && error.message.contains("Int32"))
        await connection.close()
    }

    @Test func doubles() async throws {
        for value in [0.1, -2.5e-300, 1.7976931348623157e308, Double.infinity, -Double.infinity] {
            #expect(try await roundTrip(value, as: "double precision") == value)
        }
        #expect(try await roundTrip(Double.nan, as: "double precision").isNaN)
    }

    @Test func booleans() async throws {
        #expect(try await roundTrip(true, as: "boolean") == true)
        #expect(try await roundTrip(false, as: "boolean") == false)
    }

    @Test(arguments: [
        "Sở Tài chính tỉnh Đồng Nai",
        "Nguyễn Thị Ánh Tuyết — Ủy ban nhân dân",
        "Tiếng Việt có dấu: ăâđêôơư ẮẰẲẴẶ",
        "",
        "emoji 🇻🇳 and 'quotes' \"double\" ; DROP TABLE dossier; --",
        String(repeating: "x", count: 1_000_000),
    ])
    func textRoundTripsByteExact(_ text: String) async throws {
        for form in [text.precomposedStringWithCanonicalMapping, text.decomposedStringWithCanonicalMapping] {
            let back = try await roundTrip(form, as: "text")
            #expect(Array(back.utf8) == Array(form.utf8))
        }
    }

    @Test func nfcAndNfdStayDistinctBytes() async throws {
        let nfc = "Đồng Nai".precomposedStringWithCanonicalMapping
        let nfd = "Đồng Nai".decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let connection = try await TestDatabase.connect()
        let lengths = try await connection.query("SELECT octet_length($1) AS a, octet_length($2) AS b", [nfc, nfd]).single()
        #expect(try lengths.decode("a", as: Int.self) == nfc.utf8.count)
        #expect(try lengths.decode("b", as: Int.self) == nfd.utf8.count)
        await connection.close()
    }

    @Test func textWithNulIsRefusedClearly() async throws {
        let connection = try await TestDatabase.connect()
        let error = try await #require(throws: PostgresError.self) {
            try await connection.query("SELECT $1::text", ["a\u{0}b"])
        }
        #expect(error.kind == .encoding)
        #expect(error.message.contains("NUL"))
        await connection.close()
    }

    @Test func timestamps() async throws {
        let micros = Date(timeIntervalSince1970: 1_764_417_600.123456)
        let back = try await roundTrip(micros, as: "timestamptz")
        #expect(abs(back.timeIntervalSince1970 - micros.timeIntervalSince1970) < 0.000_001)
        let old = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        #expect(try await roundTrip(old, as: "timestamptz") == old)
        let connection = try await TestDatabase.connect()
        let fromServer: Date = try await connection.query("SELECT timestamptz '2025-04-25 10:00:00+07' AS t").single().decode("t")
        #expect(fromServer == Date(timeIntervalSince1970: 1_745_550_000))
        await connection.close()
    }

    @Test func calendarDates() async throws {
        for text in ["2026-02-13", "2000-01-01", "1999-12-31", "1900-03-01", "2100-12-31", "2024-02-29"] {
            let date = try #require(CalendarDate(iso: text))
            #expect(try await roundTrip(date, as: "date") == date)
            #expect(date.description == text)
        }
        let connection = try await TestDatabase.connect()
        let text: String = try await connection.query("SELECT $1::date::text AS t", [CalendarDate(year: 2025, month: 4, day: 26)!]).single().decode("t")
        #expect(text == "2025-04-26")
        await connection.close()
    }

    @Test func uuids() async throws {
        let value = UUID()
        #expect(try await roundTrip(value, as: "uuid") == value)
    }

    @Test func decimals() async throws {
        for text in ["0", "2000", "1000.5", "-12345.6789", "0.0001", "200000", "123456789012345678901234.5678"] {
            let value = try #require(Decimal(string: text))
            #expect(try await roundTrip(value, as: "numeric") == value)
        }
        #expect(try await roundTrip(Decimal.nan, as: "numeric").isNaN)
    }

    struct Slip: Codable, Equatable, Sendable {
        let code: String
        let items: [String]
        let pages: Int?
    }

    @Test func json() async throws {
        let slip = Slip(code: "000.00.09.H19-261130-0001", items: ["Giấy đề nghị", "Bản sao CCCD"], pages: nil)
        let connection = try await TestDatabase.connect()
        let row = try await connection.query("SELECT $1::jsonb AS b, $1::json AS j", [PostgresJSON(slip)]).single()
        #expect(try row.decode("b", as: PostgresJSON<Slip>.self).value == slip)
        #expect(try row.decode("j", as: PostgresJSON<Slip>.self).value == slip)
        let bad = try #require(throws: PostgresError.self) { try row.decode("b", as: PostgresJSON<[Int]>.self) }
        #expect(bad.kind == .decoding && bad.message.contains("\"b\""))
        await connection.close()
    }

    @Test func arrays() async throws {
        #expect(try await roundTrip(["a", "Đồng Nai", ""], as: "text[]") == ["a", "Đồng Nai", ""])
        #expect(try await roundTrip([1, -2, Int.max], as: "bigint[]") == [1, -2, Int.max])
        #expect(try await roundTrip([String](), as: "text[]") == [])
        #expect(try await roundTrip([CalendarDate(year: 2026, month: 2, day: 16)!], as: "date[]") == [CalendarDate(year: 2026, month: 2, day: 16)!])
        let connection = try await TestDatabase.connect()
        let withNull: [String?] = try await connection.query("SELECT ARRAY['x', NULL] AS a").single().decode("a")
        #expect(withNull == ["x", nil])
        await connection.close()
    }

    @Test func nullsDecodeAsNilAndNonOptionalNullIsAClearError() async throws {
        let connection = try await TestDatabase.connect()
        let row = try await connection.query(
            "SELECT $1::bigint AS i, $2::text AS t, $3::date AS d, $4::uuid AS u, $5::numeric AS n, $6::timestamptz AS ts, $7::boolean AS b",
            [Int?.none, String?.none, CalendarDate?.none, UUID?.none, Decimal?.none, Date?.none, Bool?.none]
        ).single()
        #expect(try row.decode("i", as: Int?.self) == nil)
        #expect(try row.decode("t", as: String?.self) == nil)
        #expect(try row.decode("d", as: CalendarDate?.self) == nil)
        #expect(try row.decode("u", as: UUID?.self) == nil)
        #expect(try row.decode("n", as: Decimal?.self) == nil)
        #expect(try row.decode("ts", as: Date?.self) == nil)
        #expect(try row.decode("b", as: Bool?.self) == nil)
        let error = try #require(throws: PostgresError.self) { try row.decode("t", as: String.self) }
        #expect(error.message.contains("\"t\"") && error.message.contains("NULL"))
        await connection.close()
    }

    @Test func typeMismatchNamesColumnAndBothTypes() async throws {
        let connection = try await TestDatabase.connect()
        let row = try await connection.query("SELECT 'x'::text AS name").single()
        let error = try #require(throws: PostgresError.self) { try row.decode("name", as: Int.self) }
        #expect(error.kind == .decoding)
        #expect(error.message.contains("\"name\"") && error.message.contains("text") && error.message.contains("Int"))
        let missing = try #require(throws: PostgresError.self) { try row.decode("nope", as: Int.self) }
        #expect(missing.message.contains("nope") && missing.message.contains("name"))
        await connection.close()
    }
}
