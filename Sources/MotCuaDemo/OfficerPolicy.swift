import Foundation

/// How simulated officers and applicants behave: the probability of each decision and the
/// working time each action takes, drawn from log-normal distributions (most steps take about
/// half their allowance; a long tail runs over it). For demos and benchmarks only.
public struct OfficerPolicy: Sendable, Equatable {
    /// A review asks the applicant for a supplement.
    public var supplement = 0.08
    /// After one supplement, the officer asks for another (late by the national rule).
    public var secondSupplement = 0.1
    /// A review refuses the dossier.
    public var refuse = 0.02
    /// A review consults another department first.
    public var consult = 0.04
    /// A review where something is payable (a fee, or at a tax office always) asks for payment first.
    public var payment = 0.5
    /// The applicant pays online (else at the desk or the bank).
    public var paysOnline = 0.6
    /// An overdue dossier gets its apology slip.
    public var apologise = 0.6
    /// The applicant withdraws the dossier while it is processed.
    public var withdraw = 0.01
    /// The applicant's evaluation at hand-over: satisfied, then not satisfied; the rest complain.
    public var satisfied = 0.85
    public var notSatisfied = 0.1
    /// Incomplete dossiers sent back at the desk, and dossiers refused there.
    public var incompleteAtDesk = 0.05
    public var refusedAtDesk = 0.02
    /// The median working time a step takes, as a share of its allowance (1 working day when
    /// the route gives none), and the spread of the log-normal around it.
    public var medianShareOfAllowance = 0.5
    public var spread = 0.8
    /// The applicant's median working days to bring a supplement, to pay, to collect a result.
    public var supplementDays = 2.0
    public var paymentDays = 1.0
    public var collectionDays = 1.0

    /// The default policy.
    public init() {}
}
