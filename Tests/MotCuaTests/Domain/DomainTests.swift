import MotCua
import Testing

/// Pure tests: no database.
struct DomainTests {
    @Test func everyStateMapsToItsNationalCode() {
        let expected: [DossierState: Int] = [
            .submittedOnline: 1, .received: 2, .refused: 3, .routed: 4, .assigned: 4, .inReview: 4, .consulting: 4,
            .awaitingSignature: 4, .supplementReceived: 4, .awaitingSupplement: 5, .awaitingPayment: 6,
            .withdrawalRequested: 7, .stopped: 8, .resolved: 9, .returned: 10,
        ]
        #expect(Set(expected.keys) == Set(DossierState.allCases))
        for state in DossierState.allCases { #expect(state.nationalCode == expected[state]) }
    }

    @Test func databaseIsFoundInTheDocumentedOrder() throws {
        #expect(
            DatabaseLocation.resolve(explicitURL: "postgresql:///a", environment: ["MOTCUA_DATABASE_URL": "postgresql:///b", "PGHOST": "h"])
                == .url("postgresql:///a"))
        #expect(DatabaseLocation.resolve(explicitURL: nil, environment: ["MOTCUA_DATABASE_URL": "postgresql:///b", "PGHOST": "h"]) == .url("postgresql:///b"))
        #expect(DatabaseLocation.resolve(explicitURL: nil, environment: ["PGDATABASE": "x"]) == .libpqEnvironment)
        #expect(DatabaseLocation.resolve(explicitURL: nil, environment: ["PGSERVICE": "motcua"]) == .libpqEnvironment)
        #expect(DatabaseLocation.resolve(explicitURL: nil, environment: ["HOME": "/root"]) == .embedded)
        #expect(try DatabaseLocation.libpqEnvironment.conninfo() == "")
    }
}
