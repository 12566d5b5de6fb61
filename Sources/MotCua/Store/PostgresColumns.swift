import Postgres

// The domain's string-backed enumerations as they are stored: sent as their raw values, and an
// unknown raw value read from a row is an error, never a default.
extension DossierState: PostgresTextEnum {}
extension WorkItemState: PostgresTextEnum {}
extension DossierEventKind: PostgresTextEnum {}
extension StepKind: PostgresTextEnum {}
extension Channel: PostgresTextEnum {}
extension CalendarOverride.Kind: PostgresTextEnum {}
extension TimeLimit.Unit: PostgresTextEnum {}
extension CountingConvention: PostgresTextEnum {}
