import Foundation
import Synchronization

/// What decoding a catalog file found wrong without stopping: unknown keys, and array elements
/// that failed to decode while their siblings went on, so one run reports every such problem.
final class CatalogDecodingLog: Sendable {
    /// Where decoders find the log (`JSONDecoder.userInfo`).
    static let userInfoKey = CodingUserInfoKey(rawValue: "motcua.catalog.decodingLog")!

    /// Thrown by an element whose failure is already logged, so its parents log nothing more.
    struct AlreadyLogged: Error {}

    private struct State {
        var issues: [CatalogIssue] = []
        var failed = false
    }

    let file: String
    private let state = Mutex(State())

    init(file: String) { self.file = file }

    /// Every problem logged, in the order found.
    var issues: [CatalogIssue] { state.withLock { $0.issues } }

    /// Whether some value could not be decoded at all (as opposed to unknown keys only).
    var hasFailures: Bool { state.withLock { $0.failed } }

    /// Logs a key the format does not know.
    func unknownKey(_ key: String, at path: [any CodingKey], allowed: [String]) {
        let issue = CatalogIssue(
            file: file, location: CatalogCodingKey.path(path + [CatalogCodingKey(stringValue: key)]),
            problem: KeySpelling.unknownKey(key, allowed: allowed))
        state.withLock { $0.issues.append(issue) }
    }

    /// Runs one decoding step; on failure logs it (unless already logged) and returns `nil`, so
    /// the caller can go on decoding the rest.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch is AlreadyLogged {
            return nil
        } catch {
            failure(error)
            return nil
        }
    }

    /// Logs a decoding failure in the words of the catalog format.
    private func failure(_ error: any Error) {
        let issue = Self.issue(for: error, file: file)
        state.withLock {
            $0.issues.append(issue)
            $0.failed = true
        }
    }

    private static func issue(for error: any Error, file: String) -> CatalogIssue {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return CatalogIssue(
                file: file, location: CatalogCodingKey.path(context.codingPath), problem: "wrong type: \(expectation(type)) (\(context.debugDescription))")
        case DecodingError.valueNotFound(let type, let context):
            return CatalogIssue(file: file, location: CatalogCodingKey.path(context.codingPath), problem: "is null: \(expectation(type))")
        case DecodingError.keyNotFound(let key, let context):
            return CatalogIssue(
                file: file, location: CatalogCodingKey.path(context.codingPath + [key]),
                problem: "missing: add the required key \"\(key.stringValue)\"")
        case DecodingError.dataCorrupted(let context):
            return CatalogIssue(file: file, location: CatalogCodingKey.path(context.codingPath), problem: context.debugDescription)
        default:
            return CatalogIssue(file: file, location: "(top level)", problem: "cannot be decoded: \(error)")
        }
    }

    /// What a value of `type` must look like in the file.
    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "write text in double quotes"
        case is Int.Type: return "write a whole number without quotes"
        case is Decimal.Type, is Double.Type: return "write a number without quotes"
        case is Bool.Type: return "write true or false"
        case is [Any].Type: return "write a list in [ ]"
        default: return "write an object in { }"
        }
    }
}
