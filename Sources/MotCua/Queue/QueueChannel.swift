/// The NOTIFY channel of a department's queue: `motcua_dept_<code>` in lower case.
///
/// A notification is only a doorbell: its payload is empty and carries no personal data; the
/// worker finds the work itself by querying the queue.
public enum QueueChannel {
    /// The channel name for a department code.
    public static func name(department: String) -> String { "motcua_dept_" + department.lowercased() }
}
