import ArgumentParser

/// The output format of data-printing commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// `--format`, shared by every data-printing command.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json or csv (csv for tables).")
    var format: OutputFormat = .text
}
