import Foundation

/// One command-line option, declared once: the command's parser and the "Options:" lines of its `--help` are
/// both made from it, so adding an option (or an output format) is one line.
struct Option: Sendable {
    /// How an option takes values.
    enum Kind: Sendable {
        /// `--name`, no value.
        case flag
        /// `--name VALUE` or `--name=VALUE`; given twice, the last wins.
        case single
        /// `--name VALUE`, any number of times; every value is kept in order.
        case repeatable
    }

    /// The long name, without dashes (`plan`).
    var name: String
    /// A one-letter alias (`h` for `-h`), shown in help as `-h, --help`.
    var short: Character?
    /// The value's placeholder in help (`FILE`), nil for a flag.
    var placeholder: String?
    /// The help text, one element per line.
    var help: [String]
    /// How the option takes values.
    var kind: Kind
    /// The only values the option accepts (an enumeration such as `--format`), nil for any.
    var allowed: [String]?
    /// What a value is called in an error ("format" in "unknown format 'yaml'").
    var valueKind: String
    /// The help section the option is listed under (`Options`, or `Deployment` and `Load` for `simulate`).
    var section: String

    /// A flag such as `--skip-bad-records`.
    static func flag(_ name: String, short: Character? = nil, section: String = "Options", help: String...) -> Option {
        Option(name: name, short: short, placeholder: nil, help: help, kind: .flag, allowed: nil, valueKind: name, section: section)
    }

    /// An option that takes one value (the last one given wins).
    static func value(_ name: String, _ placeholder: String, allowed: [String]? = nil, valueKind: String? = nil,
                      section: String = "Options", help: String...) -> Option {
        Option(name: name, short: nil, placeholder: placeholder, help: help, kind: .single, allowed: allowed,
               valueKind: valueKind ?? name, section: section)
    }

    /// An option that may be given any number of times.
    static func repeatable(_ name: String, _ placeholder: String, section: String = "Options", help: String...) -> Option {
        Option(name: name, short: nil, placeholder: placeholder, help: help, kind: .repeatable, allowed: nil, valueKind: name,
               section: section)
    }

    /// `--format`, whose values are the names `registry` renders, so the choices, their help and their
    /// "did you mean" all come from the registry.
    ///
    /// - Parameters:
    ///   - placeholder: The value's placeholder; nil shows the choices (`text|markdown|json`).
    ///   - help: The help lines; `{formats}` stands for the registry's phrase, "text (default), markdown or json".
    static func format<Document>(_ registry: RendererRegistry<Document>, placeholder: String? = "FORMAT", section: String = "Options",
                                 help: String...) -> Option {
        Option(name: "format", short: nil, placeholder: placeholder ?? registry.names.joined(separator: "|"),
               help: help.map { $0.replacingOccurrences(of: "{formats}", with: registry.phrase) }, kind: .single,
               allowed: registry.names, valueKind: "format", section: section)
    }

    /// How the option is written at the start of its help line: `-h, --help` or `--plan FILE`.
    var label: String {
        (short.map { "-\($0), " } ?? "") + "--" + name + (placeholder.map { " " + $0 } ?? "")
    }

    /// How the option is written in the list of valid options: `--format text|json|csv`, `--plan FILE`.
    var synopsis: String {
        "--" + name + ((allowed?.joined(separator: "|") ?? placeholder).map { " " + $0 } ?? "")
    }
}
