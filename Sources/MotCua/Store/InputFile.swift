import Foundation

/// Reads a file an operator named (a catalog, a batch of submissions), with an error in plain
/// words when it cannot: missing, a folder, or unreadable.
public enum InputFile {
    /// The file's bytes; `what` says what the file should be ("the catalog file").
    public static func read(_ path: String, what: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw MotCuaError.invalidInput(field: path, reason: "there is no such file; check the path of \(what)")
        }
        guard !isFolder.boolValue else {
            throw MotCuaError.invalidInput(field: path, reason: "is a folder, not a file; give the path of \(what) itself")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MotCuaError.invalidInput(field: path, reason: "cannot be read (check its permissions); \(what) must be readable by this user")
        }
        return data
    }
}
