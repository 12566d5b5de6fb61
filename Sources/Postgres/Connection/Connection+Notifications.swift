import CLibPQ
import Foundation

/// A notification delivered by `NOTIFY` to a channel this connection listens on.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel name.
    public let channel: String
    /// The payload ("" when none was given).
    public let payload: String
    /// The process ID of the notifying session.
    public let senderPID: Int32
}

extension Connection {
    /// Starts listening on `channel`; kept across reconnects.
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(try quoteIdentifier(channel))")
        listening.insert(channel)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN \(try quoteIdentifier(channel))")
        listening.remove(channel)
    }

    /// The channels this connection listens on.
    public var listenedChannels: Set<String> { listening }

    /// Sends `NOTIFY channel, payload` through `pg_notify`, parameterised.
    public func notify(_ channel: String, payload: String = "") throws {
        try query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Waits until at least one notification arrives, `timeout` passes, the task is cancelled,
    /// or ``interruptWait()`` is called; returns every notification that is pending (possibly
    /// none), so a burst is handled as one wake-up.
    ///
    /// The wait is a `poll()` on the connection's socket and blocks only this connection's
    /// thread. A lost connection throws `.connectionLost`; the next call reconnects and listens
    /// again, after which the caller should look for work it may have missed.
    public func notifications(timeout: Duration) async throws -> [PostgresNotification] {
        try await withTaskCancellationHandler {
            try waitForNotifications(timeout: timeout)
        } onCancel: {
            self.interruptWait()
        }
    }

    /// Cuts short a ``notifications(timeout:)`` wait in progress (or the next one).
    public nonisolated func interruptWait() { wakeup.signal() }

    private func waitForNotifications(timeout: Duration) throws -> [PostgresNotification] {
        let handle = try liveHandle()
        var pending = try drainNotifications(handle)
        guard pending.isEmpty, !Task.isCancelled else { return pending }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var fds = [
            pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, max(0, milliseconds))
        if ready < 0 && errno != EINTR {
            throw PostgresError(kind: .connectionLost, message: "poll() on the connection failed: \(String(cString: strerror(errno)))")
        }
        if fds[1].revents != 0 { wakeup.drain() }
        if fds[0].revents != 0 { pending = try drainNotifications(handle) }
        return pending
    }

    private func drainNotifications(_ handle: OpaquePointer) throws -> [PostgresNotification] {
        if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
            throw PostgresError(kind: .connectionLost, message: "lost the connection while waiting for notifications: \(Self.errorMessage(handle))")
        }
        var received: [PostgresNotification] = []
        while let raw = PQnotifies(handle) {
            let notify = raw.pointee
            received.append(
                PostgresNotification(
                    channel: String(cString: notify.relname),
                    payload: String(cString: notify.extra),
                    senderPID: notify.be_pid))
            PQfreemem(raw)
        }
        return received
    }
}
