import ArgumentParser

/// `--actor`: who takes a supervising action, recorded in its event. Declared, not
/// authenticated, until the per-department database roles arrive.
struct ActorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who takes the action (a supervisor's officer code), recorded in the event.", valueName: "code"))
    var actor: String

    func validate() throws {
        guard actor.range(of: "^[a-z0-9][a-z0-9._-]{1,63}$", options: .regularExpression) != nil else {
            throw ValidationError("--actor must be an officer code: 2 to 64 lower-case letters, digits, '.', '_' or '-', such as stc.lead")
        }
    }
}
