import Foundation

/// A self-pipe that lets another thread cut short a `poll()` waiting on the socket.
final class WakeupPipe: @unchecked Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        guard let (readEnd, writeEnd) = CloseOnExecPipe.make() else { fatalError("pipe() failed: \(String(cString: strerror(errno)))") }
        self.readEnd = readEnd
        self.writeEnd = writeEnd
        for fd in [readEnd, writeEnd] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes a waiter (or the next one, if none is waiting now).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
