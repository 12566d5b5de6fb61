/// Dossier codes: `<agency e-ID>-<yymmdd of receipt>-<4-digit sequence of that day>`,
/// for example `000.00.32.H19-210708-0032`.
public enum DossierCode {
    /// Formats a code from its parts; `sequence` is 1–9999.
    public static func format(agencyEID: String, year: Int, month: Int, day: Int, sequence: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value % 100) }
        let number = String(sequence)
        return "\(agencyEID)-\(two(year % 100))\(two(month))\(two(day))-\(String(repeating: "0", count: max(0, 4 - number.count)))\(number)"
    }
}
