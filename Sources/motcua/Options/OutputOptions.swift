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

extension OutputOptions {
    /// Prints `value` in the chosen format: `table` as aligned text or CSV, or the value as JSON.
    func emit<T: Encodable>(_ value: T, table: @autoclosure () -> Table) throws {
        switch format {
        case .text: print(table().text())
        case .csv: print(table().csv())
        case .json: print(try jsonText(value))
        }
    }
}
