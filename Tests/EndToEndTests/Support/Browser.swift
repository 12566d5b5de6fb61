import Foundation
import Postgres

/// Headless Chromium, to open the HTML reports as a leader's browser would.
enum Browser {
    /// The Chromium binary, if installed.
    static func chromium() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the browser headless with `arguments`; returns its standard output.
    static func run(_ browser: String, _ arguments: [String]) async throws -> String {
        let output = MotcuaCLI.temporaryPath("chromium.out")
        let profile = MotcuaCLI.temporaryPath("chromium-profile")
        let child = try ChildProcess.spawn(
            "/bin/sh",
            [
                "-c", #"out=$1; shift; exec "$@" >"$out" 2>/dev/null"#, "sh", output, browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=\(profile)",
            ] + arguments,
            environment: ProcessInfo.processInfo.environment, output: .inherit)
        let status = await MotcuaCLI.wait(child, timeout: .seconds(120))
        try? FileManager.default.removeItem(atPath: profile)
        guard status == 0 else { throw EndToEndError("chromium \(arguments) exited \(status)") }
        return MotcuaCLI.consume(output)
    }

    /// The `value` attribute of every element with a `name` attribute, by that attribute's value.
    static func attributes(in dom: String, name: String, value: String) -> [String: String] {
        var found: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "\(name)=\"([^\"]*)\"[^>]*\(value)=\"([^\"]*)\"")
        for match in pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
            found[String(dom[Range(match.range(at: 1), in: dom)!])] = String(dom[Range(match.range(at: 2), in: dom)!])
        }
        return found
    }
}
