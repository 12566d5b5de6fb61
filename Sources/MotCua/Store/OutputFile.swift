import Foundation

/// Writes a file an operator named (the dashboard's HTML), with an error in plain words when it
/// cannot: no such folder, a folder in its place, or no permission.
public enum OutputFile {
    /// Checks, before any work is done, that `path` can be written; `what` says what the file will
    /// be ("the HTML dashboard").
    public static func checkWritable(_ path: String, what: String) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else {
                throw MotCuaError.invalidInput(field: path, reason: "is a folder; give the path of \(what) itself, a file in that folder")
            }
            guard manager.isWritableFile(atPath: path) else {
                throw MotCuaError.invalidInput(field: path, reason: "exists and this user may not overwrite it; choose another path for \(what)")
            }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        guard manager.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw MotCuaError.invalidInput(field: path, reason: "the folder \(parent) does not exist; create it or choose another path for \(what)")
        }
        guard manager.isWritableFile(atPath: parent) else {
            throw MotCuaError.invalidInput(field: path, reason: "this user may not create files in \(parent); choose another path for \(what)")
        }
    }

    /// Writes `text` to `path` whole (through a temporary file, so a reader never sees half of it).
    public static func write(_ text: String, to path: String, what: String) throws {
        try checkWritable(path, what: what)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw MotCuaError.invalidInput(field: path, reason: "could not be written (disk full, or the folder changed meanwhile); \(what) was not written")
        }
    }
}
