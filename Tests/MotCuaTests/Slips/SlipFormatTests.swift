import Foundation
import MotCua
import Testing

/// Pure tests: no database.
struct SlipFormatTests {
    @Test func momentsAreWrittenInVietnamTime() throws {
        let afterCutOff = try #require(ISO8601DateFormatter().date(from: "2025-09-25T08:01:00Z"))
        #expect(SlipFormat.format(afterCutOff) == "25/09/2025 15:01")
        let lateUTC = try #require(ISO8601DateFormatter().date(from: "2025-11-29T23:30:00Z"))
        #expect(SlipFormat.format(lateUTC) == "30/11/2025 06:30", "the next day in Vietnam")
    }

    @Test(arguments: [(0, "0"), (2000, "2.000"), (200_000, "200.000"), (1_234_567, "1.234.567")])
    func amountsHaveDotsBetweenThousands(_ amount: Int, _ text: String) {
        #expect(SlipFormat.money(Decimal(amount)) == text)
    }
}
