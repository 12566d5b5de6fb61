import Foundation

/// Creates pipes whose ends are close-on-exec from the start, so a child started concurrently
/// by another thread can never inherit them (an inherited write end keeps a reader waiting for
/// EOF until that unrelated child exits).
enum CloseOnExecPipe {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    /// glibc's `pipe2`, which Swift does not import without `_GNU_SOURCE`.
    private static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// Returns (read end, write end), or `nil` with `errno` set.
    static func make() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        if let pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { return nil }
        } else {
            guard pipe(&fds) == 0 else { return nil }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        return (fds[0], fds[1])
    }
}
