import Foundation
import MotCua

/// Fictional submissions for the demo and benchmarks: made-up applicants with well-formed
/// (but invented) citizen IDs and phone numbers, every document handed in.
public enum SampleSubmissions {
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
    static let givenNames = ["Văn An", "Thị Bích", "Minh Châu", "Quốc Dũng", "Thị Hồng", "Hữu Lộc", "Ngọc Mai", "Thanh Tùng"]

    /// The `index`-th sample request for `procedure`.
    public static func request(index: Int, procedure: String, channel: Channel, idempotencyKey: String? = nil) -> IntakeRequest {
        let serial = String(100_000 + index % 900_000)
        return IntakeRequest(
            procedure: procedure, channel: channel.rawValue, idempotencyKey: idempotencyKey,
            applicant: RawApplicant(
                kind: "person",
                fullName: "\(familyNames[index % familyNames.count]) \(givenNames[(index / familyNames.count) % givenNames.count])",
                citizenID: "0750\(String(80 + index % 20))\(serial)",
                phone: "09\(String(10_000_000 + index % 90_000_000))"),
            allDocuments: true)
    }
}
