import Foundation
import MotCua
import Testing

/// A small valid catalog for the catalog tests: a pre-2025 department listed before its
/// successor, two officers, a national procedure and a local liên thông one with a decimal
/// allowance, a step excluded from the limit, a per-page fee and no documents.
enum CatalogFixture {
    static let file = "fixture.json"

    static let text = """
        {
          "format": 1,
          "notes": "test fixture",
          "departments": [
            {"code": "SLDTBXH", "name": "Sở Lao động – Thương binh và Xã hội", "agency_eid": "000.00.07.H19", "valid_from": "2000-01-01", "valid_until": "2025-07-01", "succeeded_by": "SNV"},
            {"code": "SNV", "name": "Sở Nội vụ", "agency_eid": "000.00.04.H19", "valid_from": "2025-07-01"},
            {"code": "STP", "name": "Sở Tư pháp", "agency_eid": "000.00.16.H19", "valid_from": "2025-07-01"},
            {"code": "CAT", "name": "Công an tỉnh Đồng Nai", "agency_eid": "000.00.30.H19", "kind": "police", "valid_from": "2025-07-01"}
          ],
          "officers": [
            {"code": "snv.cb01", "department": "SNV", "display_name": "Lê Thị Hoa"},
            {"code": "snv.ld01", "department": "SNV", "display_name": "Phạm Văn Nam", "role": "leader"}
          ],
          "procedures": [
            {
              "code": "2.001955", "name": "Đăng ký nội quy lao động", "field": "Quan hệ lao động", "department": "SNV",
              "effective_from": "2025-08-01", "time_limit": {"value": 7, "unit": "working_days"},
              "fee": {"kind": "none"}, "online_level": "partial", "source_note": "Bộ luật Lao động 2019, điều 119 (verify)",
              "documents": [
                {"code": "noi_quy", "name": "Nội quy lao động"},
                {"code": "de_nghi", "name": "Văn bản đề nghị đăng ký nội quy lao động", "copies": 2}
              ],
              "route": [
                {"department": "SNV", "kind": "review", "allowance": 5, "description": "Xem xét"},
                {"department": "SNV", "kind": "signature", "allowance": 2}
              ]
            },
            {
              "code": "DN.LT.009", "name": "Liên thông thử nghiệm", "field": "Hộ tịch", "department": "STP",
              "effective_from": "2025-08-01", "time_limit": {"value": 3, "unit": "working_days"}, "cutoff_applies": true,
              "fee": {"kind": "per_page", "first_pages": 2, "first_page_amount": 2000, "next_page_amount": 1000, "cap": 200000},
              "source_note": "test data (verify)",
              "route": [
                {"department": "STP", "kind": "review", "allowance": 1.5},
                {"department": "CAT", "kind": "review", "allowance": 4, "excluded_from_limit": true},
                {"department": "CAT", "kind": "review", "allowance": 1.5}
              ]
            }
          ]
        }
        """

    /// The fixture, parsed and validated.
    static func catalog() throws -> Catalog {
        try Catalog.parse(Data(text.utf8), file: file)
    }

    /// A catalog written back as a file and parsed again, so it goes through validation.
    static func reparsed(_ catalog: Catalog) throws -> Catalog {
        try Catalog.parse(try JSONEncoder().encode(catalog), file: file)
    }

    /// `original` (the fixture by default) with `old`, which must occur exactly once, replaced by `new`.
    static func text(replacing old: String, with new: String, in original: String = text) -> String {
        precondition(original.components(separatedBy: old).count == 2, "the text must contain \(old) exactly once")
        return original.replacingOccurrences(of: old, with: new)
    }

    /// The problems of an invalid catalog file text.
    static func issues(of text: String) throws -> [CatalogIssue] {
        try #require(throws: InvalidCatalog.self) { try Catalog.parse(Data(text.utf8), file: file) }.issues
    }

    /// The problems of a catalog changed in code, once written back as a file.
    static func issues(of catalog: Catalog) throws -> [CatalogIssue] {
        try #require(throws: InvalidCatalog.self) { try reparsed(catalog) }.issues
    }

    /// The path of the shipped Đồng Nai catalog.
    static func shippedPath() throws -> String {
        try SQLDirectory.locate().appendingPathComponent("reference/dong-nai-catalog.json").path
    }
}
