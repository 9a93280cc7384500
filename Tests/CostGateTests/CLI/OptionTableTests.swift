import Testing
@testable import CostGate
import CostGateTestSupport

/// The declarative option layer: one declaration gives the parser, its errors (with the bound that was broken)
/// and the help's option list.
@Suite struct OptionTableTests {
    static let table = OptionTable(command: "demo", options: [
        .value("plan", "FILE", help: "The plan."),
        .repeatable("by", "KEY", help: "Group by KEY (repeatable)."),
        .value("top", "N", help: "Show N."),
        .flag("quiet", help: "Say less."),
        .format(Renderers.tokenCount, help: "{formats}"),
    ], positionals: .none, helpColumn: 18)

    @Test func readsEverySpelling() throws {
        let parsed = try Self.table.parse(["--plan", "a.json", "--by=team", "--by", "model", "--quiet", "--format=json", "--top", "3"])
        #expect(parsed.value("plan") == "a.json")
        #expect(parsed.all("by") == ["team", "model"])
        #expect(parsed.flag("quiet"))
        #expect(try parsed.int("top", in: 0...10) == 3)
        #expect(parsed.value("format") == "json")
    }

    @Test(arguments: [
        (["--top", "-1"], "--top expects a whole number from 0 to 10, found '-1'"),
        (["--plna", "x"], "unknown option '--plna'; did you mean '--plan'?"),
        (["--zzzzzzzz"], "valid options: --plan FILE, --by KEY, --top N, --quiet, --format text|json"),
        (["--format", "yml"], "--format: unknown format 'yml'"),
        (["--quiet=yes"], "--quiet takes no value"),
        (["--plan"], "--plan needs a value"),
        (["stray"], "unexpected argument 'stray'; see 'costgate demo --help'"),
    ])
    func errorsSayWhatWasWrong(arguments: [String], message: String) {
        do {
            let parsed = try Self.table.parse(arguments)
            _ = try parsed.int("top", in: 0...10)
            Issue.record("no error for \(arguments)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func helpListsTheDeclaration() {
        #expect(Self.table.help("Usage: demo\n") == """
        Usage: demo

        Options:
          --plan FILE     The plan.
          --by KEY        Group by KEY (repeatable).
          --top N         Show N.
          --quiet         Say less.
          --format FORMAT text (default) or json

        """)
    }
}
