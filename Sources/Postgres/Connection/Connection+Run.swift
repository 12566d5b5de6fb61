extension Connection {
    /// Runs a synchronous closure on the connection's thread with the connection isolated to
    /// it: several statements in a row without a hop per statement, outside any transaction.
    public func run<T: Sendable>(_ body: @Sendable (isolated Connection) throws -> T) throws -> T {
        try body(self)
    }
}
