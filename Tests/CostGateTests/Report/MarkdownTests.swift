import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Hostile names through `Markdown.escape` and `Markdown.code`, checked against what GitHub's renderer made of
/// them: `Fixtures/markdown/hostile-markdown.json` is our Markdown (a golden file), and
/// `hostile-rendered.json` is that Markdown rendered by cmark-gfm with GitHub's extensions
/// (`Fixtures/markdown/render.py`, run by hand after re-recording; this test needs no Python).
@Suite struct MarkdownTests {
    /// Names a pull request could put in its traffic or plan.
    static let hostileNames: [String] = [
        "@octocat", "@org/team", "ping @octocat please", "#12", "GH-12", "gh-7", "org/repo#34", "mail@evil.example",
        "mailto:a@b.example", "http://x", "https://evil.example/path?q=1&r=2", "www.evil.example", "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>", "<!-- hidden -->", "a|b||c", "`code`", "``double``", "`", " spaced ", "*bold* _it_ ~~strike~~",
        "[link](http://x)", "![img](http://x/a.png)", "[ref]: http://x", "line1\nline2", "tab\there", "\\back\\slash\\",
        "&lt;entity&gt; &amp; &#64;", ":smile: :+1:", "bidi\u{202E}txt\u{200B}zw\u{2066}", "x\u{200D}@y", "$x^2$", "# heading",
        "> quote", "1. list", "- item", "***", "{{ template }}", "%s %n", "deadbeef@cafe", "a\\|b", "ünïcødé 😀",
    ]

    /// One name in every place a renderer puts one.
    static let contexts = ["text", "code", "table"]

    /// The Markdown fragment for `name` in `context`.
    static func fragment(_ name: String, context: String) -> String {
        switch context {
        case "text": return "Route " + Markdown.escape(name) + " changed.\n"
        case "code": return "**By tag " + Markdown.code(name) + "**\n"
        default: return Markdown.table(["Name", "Code"], [[Markdown.escape(name), Markdown.code(name, inTable: true)]])
        }
    }

    /// What a reader must see: the name without control, bidi or zero-width characters, on one line.
    static func visible(_ name: String) -> String {
        Markdown.sanitized(name, limit: 80)
    }

    struct Vector: Codable {
        var name: String
        var context: String
        var markdown: String
        var html: String?
    }

    private static let directory = URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("markdown")

    @Test func markdownForHostileNamesMatchesTheGolden() throws {
        var vectors: [Vector] = []
        for name in Self.hostileNames {
            for context in Self.contexts { vectors.append(Vector(name: name, context: context, markdown: Self.fragment(name, context: context))) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(vectors), as: UTF8.self) + "\n"
        Golden.assertGolden(json, at: Self.directory.appendingPathComponent("hostile-markdown.json"))
    }

    @Test func githubsRendererShowsTheNamesWithoutLinksMentionsOrEscapes() throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("hostile-rendered.json"))
        let vectors = try JSONDecoder().decode([Vector].self, from: data)
        #expect(vectors.count == Self.hostileNames.count * Self.contexts.count, "re-run render.py after re-recording")
        for vector in vectors {
            let label = "\(vector.context) \(vector.name.debugDescription)"
            #expect(vector.markdown == Self.fragment(vector.name, context: vector.context),
                    "stale vector for \(label): re-record, then run Tests/CostGateTests/Fixtures/markdown/render.py")
            let html = try #require(vector.html)
            #expect(!html.contains("<a"), "a link in \(label): \(html)")
            let tags = Set(html.matches(of: /<\/?([a-z]+)[^>]*>/).map { String(html[$0.range]) })
            let allowed: Set<String> = ["<p>", "</p>", "<code>", "</code>", "<strong>", "</strong>", "<table>", "</table>", "<thead>",
                                        "</thead>", "<tbody>", "</tbody>", "<tr>", "</tr>", "<th>", "</th>", "<td>", "</td>"]
            #expect(tags.isSubset(of: allowed), "unexpected HTML in \(label): \(tags.subtracting(allowed))")
            let expected = Self.visible(vector.name)
            let shown = Self.cells(vector, html: html)
            for text in shown {
                let seen = Self.decode(text)
                // GitHub links mentions, references and bare URLs in text after rendering; a joiner breaks each.
                for pattern in [#"@[A-Za-z0-9]"#, #"#[0-9]"#, #"(?i)gh-[0-9]"#, #"(?i)[a-z]://"#, #"(?i)www\.[a-z0-9]"#, #"(?i)mailto:[a-z0-9]"#, #":[a-z+0-9_]+:"#]
                where !text.contains("<code>") {
                    #expect(seen.range(of: pattern, options: .regularExpression) == nil, "\(pattern) in \(label): \(seen.debugDescription)")
                }
                let plain = seen.replacingOccurrences(of: "\u{200D}", with: "").replacingOccurrences(of: "<code>", with: "")
                    .replacingOccurrences(of: "</code>", with: "")
                // HTML collapses runs of spaces and a table trims its cells.
                #expect(Self.squeezed(plain) == Self.squeezed(expected), "\(label) shows \(plain.debugDescription), not \(expected.debugDescription)")
            }
        }
    }

    @Test func codeSpansUseALongerFenceAndNoEscapes() {
        #expect(Markdown.code("a`b") == "``a`b``")
        #expect(Markdown.code("`x`") == "`` `x` ``")
        #expect(Markdown.code("a\\-b.c") == "`a\\-b.c`")
        #expect(Markdown.code("a|b", inTable: true) == "`a\\|b`")
        #expect(Markdown.code("\u{202E}") == "(empty)")
    }

    @Test(arguments: ["text", "markdown", "json"])
    func bidiAndZeroWidthAreStrippedInEveryFormat(format: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let route = "chat\u{202E}\u{200B}\u{2066}bot\u{FEFF}"
        let line = #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "route": \#(JSONWriter.quote(route)), "input_tokens": 100, "output_tokens": 10}"#
        try (line + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        try #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "openai/gpt-4o-mini"}}}"#
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--format", format], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(result.stdout.unicodeScalars.allSatisfy { !$0.isInvisible || $0 == "\u{200D}" })
        #expect(result.stdout.contains("chatbot"))
    }

    /// The pieces of `html` that show the name: the paragraph's middle, the strong text's code, the two cells.
    private static func cells(_ vector: Vector, html: String) -> [String] {
        func between(_ start: String, _ end: String) -> [String] {
            var found: [String] = []
            var rest = html[...]
            while let open = rest.range(of: start), let close = rest[open.upperBound...].range(of: end) {
                found.append(String(rest[open.upperBound..<close.lowerBound]))
                rest = rest[close.upperBound...]
            }
            return found
        }
        switch vector.context {
        case "text": return between("<p>Route ", " changed.</p>")
        case "code": return between("<strong>By tag ", "</strong>")
        default: return between("<td>", "</td>")
        }
    }

    /// `text` with runs of spaces made one and the ends trimmed.
    private static func squeezed(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// HTML text as a reader sees it: the five entities cmark writes, decoded.
    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
