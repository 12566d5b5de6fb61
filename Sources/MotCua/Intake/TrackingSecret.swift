/// The secret printed on a receipt that lets its applicant track the dossier without a phone:
/// eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), written `ABCD-EFGH`,
/// about 40 bits. Only its SHA-256 is stored.
public enum TrackingSecret {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A new random secret, written with its dash.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// The secret as typed (any case, with or without the dash or spaces) in its written form,
    /// or nil when it cannot be one.
    public static func normalise(_ typed: String) -> String? {
        let characters = Array(typed.uppercased().filter { $0 != "-" && $0 != " " })
        guard characters.count == 8, characters.allSatisfy(alphabet.contains) else { return nil }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }
}
