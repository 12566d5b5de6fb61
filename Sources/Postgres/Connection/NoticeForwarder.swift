import CLibPQ
import Logging

/// Sends the server's notices and warnings (`RAISE NOTICE`, "table already exists, skipping")
/// to the logger instead of libpq's default of printing them to stderr.
final class NoticeForwarder: @unchecked Sendable {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Installs the receiver on a connection; `self` must outlive the connection handle.
    func install(on handle: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeReceiver(
            handle,
            { context, result in
                guard let context, let result else { return }
                let forwarder = Unmanaged<NoticeForwarder>.fromOpaque(context).takeUnretainedValue()
                forwarder.forward(result)
            }, context)
    }

    private func forward(_ result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let severity = field("V") ?? "NOTICE"
        let message = field("M") ?? ""
        let level: Logger.Level = severity == "WARNING" ? .warning : (severity == "DEBUG" ? .debug : .info)
        logger.log(level: level, "server \(severity.lowercased()): \(message)", metadata: ["sqlstate": .string(field("C") ?? "")])
    }
}
