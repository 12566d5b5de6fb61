/// A batch whose writing stopped midway for a reason validation could not see (the database
/// went away, a constraint failed): the groups written before stay recorded, the rest were not.
/// Retrying the whole batch with the same idempotency keys completes it, each recorded
/// submission answering with its first result.
///
/// Its description names counts and the cause only; the recorded results (which carry
/// applicants' names) are for printing the slips, never for logs.
public struct IntakeInterrupted: Error, Sendable, CustomStringConvertible {
    /// The results of the submissions recorded before the failure, with their input positions (0-based).
    public let recorded: [(index: Int, result: IntakeResult)]
    /// How many submissions the batch held.
    public let total: Int
    /// What stopped the writing.
    public let cause: String

    public var description: String {
        "intake stopped after recording \(recorded.count) of \(total) submissions (\(cause)); the receipts of those recorded are printed; "
            + "the other \(total - recorded.count) were not recorded: submit the batch again with the same idempotency keys to complete it"
    }
}
