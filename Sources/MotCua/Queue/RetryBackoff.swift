/// Exponential backoff with jitter for automatic steps that failed: 2, 4, 8 … seconds after
/// attempts 1, 2, 3 …, capped at one hour, each spread by ±25 % so that items failing together
/// do not all come back together.
public struct RetryBackoff: Sendable {
    /// The delay after the first failed attempt, in seconds.
    public var base: Double = 2
    /// The longest delay, in seconds.
    public var cap: Double = 3600
    /// The share of the delay that is randomised either way.
    public var jitter: Double = 0.25

    /// Creates the default policy.
    public init() {}

    /// The delay before the next attempt after `attempts` failed ones; `unit` in 0…1 picks the
    /// point within the jitter band (random by default).
    public func delay(afterAttempts attempts: Int, unit: Double = Double.random(in: 0...1)) -> Double {
        let exponent = Double(max(0, attempts - 1))
        let plain = min(cap, base * pow2(exponent))
        return plain * (1 - jitter + 2 * jitter * unit)
    }

    private func pow2(_ exponent: Double) -> Double { exponent >= 40 ? .infinity : Double(1 << Int(exponent)) }
}
