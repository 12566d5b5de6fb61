import Foundation
import Postgres

/// Dossier codes `<agency e-ID>-yymmdd-NNNN`, numbered per agency and Vietnamese day.
enum DossierCodes {
    /// The next code of the agency's day. The counter row stays locked until the caller's
    /// transaction ends, and a rollback gives the number back: no gaps, no duplicates.
    static func next(agencyEID: String, at: Date, on connection: isolated Connection) throws -> String {
        let row: Row
        do {
            row = try connection.query(
                """
                INSERT INTO dossier_code_counter AS c (agency_eid, day, last_number)
                VALUES ($1, ($2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1)
                ON CONFLICT (agency_eid, day) DO UPDATE SET last_number = c.last_number + 1
                RETURNING day, last_number
                """,
                [agencyEID, at]
            ).single()
        } catch let error as PostgresError where error.sqlState == SQLState.checkViolation {
            throw MotCuaError.dailySequenceExhausted(agency: agencyEID, day: "the day of submission")
        }
        let day: CalendarDate = try row.decode("day")
        return DossierCode.format(agencyEID: agencyEID, year: day.year, month: day.month, day: day.day, sequence: try row.decode("last_number"))
    }
}
