import Foundation
import MotCua
import Testing

struct FeeScheduleTests {
    let certifiedCopy = FeeSchedule.perPage(firstPages: 2, firstPageAmount: 2000, nextPageAmount: 1000, cap: 200_000)

    @Test(arguments: [(1, 2000), (2, 4000), (3, 5000), (10, 12_000), (198, 200_000), (199, 200_000), (5000, 200_000)])
    func certifiedCopiesFollowTheScaleAndTheCap(_ pages: Int, _ expected: Int) {
        #expect(certifiedCopy.amount(pages: pages) == Decimal(expected))
    }

    @Test func fixedAndNone() {
        #expect(FeeSchedule.fixed(amount: 8000).amount(pages: 3) == 24_000)
        #expect(FeeSchedule.none.amount(pages: 3) == 0)
    }

    @Test func jsonMatchesTheCatalogColumn() throws {
        let json = #"{"kind":"per_page","first_pages":2,"first_page_amount":2000,"next_page_amount":1000,"cap":200000}"#
        #expect(try JSONDecoder().decode(FeeSchedule.self, from: Data(json.utf8)) == certifiedCopy)
        let back = try JSONDecoder().decode(FeeSchedule.self, from: JSONEncoder().encode(certifiedCopy))
        #expect(back == certifiedCopy)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FeeSchedule.self, from: Data(#"{"kind":"gift"}"#.utf8)) }
    }
}
