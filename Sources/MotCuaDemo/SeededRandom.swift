import Foundation

/// A small, fast generator (SplitMix64) whose whole stream follows from its seed, so that a
/// demo run with `--seed N` draws the same submissions and decisions every time.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Whether an event of probability `p` happens.
    package mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A log-normal draw with median `median` and shape `sigma` (Box–Muller).
    package mutating func logNormal(median: Double, sigma: Double) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return median * exp(sigma * normal)
    }
}
