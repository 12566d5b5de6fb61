import Foundation

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Used instead of Foundation's `Process`, whose `waitUntilExit()` can hang on Linux after the
/// child has exited.
public final class ChildProcess: Sendable {
    /// Where the child's standard output and standard error go.
    public enum Output: Sendable {
        /// The parent's own stdout and stderr.
        case inherit
        /// Discarded (`/dev/null`).
        case discard
        /// Appended to a file.
        case file(String)
    }

    /// The child's process ID.
    public let pid: pid_t

    private init(pid: pid_t) { self.pid = pid }

    /// glibc's `POSIX_SPAWN_SETSID` (a macro Swift does not import).
    private static let posixSpawnSetSID: Int32 = 0x80

    /// Starts `executable` with `arguments` (not including the program name). Standard input
    /// is `/dev/null`. `environment` replaces the parent's when given.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        output: Output = .inherit, newSession: Bool = false
    ) throws -> ChildProcess {
        try spawn(executable, arguments, environment: environment, output: output, newSession: newSession, outputFD: nil)
    }

    /// Runs a program to completion and returns its exit status and everything it printed
    /// (stdout and stderr together).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        guard let (readEnd, writeEnd) = CloseOnExecPipe.make() else { throw spawnError(executable, errno) }
        let child: ChildProcess
        do {
            child = try spawn(executable, arguments, environment: environment, output: .inherit, newSession: false, outputFD: writeEnd)
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
        close(writeEnd)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 { data += buffer[0..<count] } else if count == 0 || errno != EINTR { break }
        }
        close(readEnd)
        return (child.waitBlocking(), String(decoding: data, as: UTF8.self))
    }

    /// Sends a signal (`SIGTERM`, `SIGKILL`, `SIGSTOP`, `SIGCONT`, …).
    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the child to exit on a thread of its own; returns its exit code, or 128 plus
    /// the signal number when a signal ended it.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitBlocking()) }
        }
    }

    /// Waits for the child to exit, blocking the calling thread.
    public func waitBlocking() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]?,
        output: Output, newSession: Bool, outputFD: Int32?
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let outputFD {
            posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
            posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        } else {
            switch output {
            case .inherit: break
            case .discard:
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= Self.posixSpawnSetSID }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw spawnError(executable, result) }
        return ChildProcess(pid: pid)
    }

    private static func spawnError(_ executable: String, _ code: Int32) -> SpawnError {
        SpawnError(executable: executable, reason: String(cString: strerror(code)))
    }
}

/// A program that could not be started (not found, not executable, out of processes).
public struct SpawnError: Error, Sendable, CustomStringConvertible {
    /// The program's path.
    public let executable: String
    /// The system's reason.
    public let reason: String

    public var description: String { "could not start \(executable): \(reason)" }
}
