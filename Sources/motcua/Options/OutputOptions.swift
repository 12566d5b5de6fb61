import ArgumentParser

/// The output format of commands that print tables.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    /// Reads `table` as `text`: the reports call their aligned text a table.
    init?(argument: String) {
        self.init(rawValue: argument == "table" ? "text" : argument)
    }

    /// The values an error lists, `table` among them since it is accepted.
    static var allValueStrings: [String] { ["text", "table", "json", "csv"] }
}

/// `--format text|json|csv`, shared by every command that prints a table.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text
}

extension OutputOptions {
    /// Prints `value` in the chosen format: as JSON, or as the given text or CSV (each made
    /// only when chosen). Every table-printing command prints through here.
    func emit<T: Encodable>(_ value: T, text: @autoclosure () -> String, csv: @autoclosure () -> String) throws {
        switch format {
        case .text: print(text())
        case .csv: print(csv())
        case .json: print(try jsonText(value))
        }
    }

    /// Prints `value` as JSON, or `table` as aligned text or CSV.
    func emit<T: Encodable>(_ value: T, table: @autoclosure () -> Table) throws {
        let table = format == .json ? nil : table()
        try emit(value, text: table!.text(), csv: table!.csv())
    }
}

/// The output format of commands that print a document (a slip, a dossier, a definition), which
/// has no table shape and so no CSV.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format text|json`, shared by every command that prints a document.
struct DocumentOutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text or json.")
    var format: DocumentFormat = .text

    /// Prints `value` as JSON, or the given text.
    func emit<T: Encodable>(_ value: T, text: @autoclosure () -> String) throws {
        switch format {
        case .text: print(text())
        case .json: print(try jsonText(value))
        }
    }
}
