/// The report's few HTML elements rewritten as Markdown, for a host that shows HTML as text (Bitbucket Cloud).
///
/// The Markdown renderer writes exactly three: the closed `<details><summary>TITLE</summary>` block (its title
/// becomes a bold line and the block stays open), its `</details>`, and the `<sub>` footer (italic). Anything
/// else in the report is Markdown, and names from the traffic or plan are already escaped, so no other tag can
/// appear.
enum PlainMarkdown {
    static func rewrite(_ report: String) -> String {
        var lines: [String] = []
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if text.hasPrefix("<details><summary>"), let end = text.range(of: "</summary>") {
                let title = text[text.index(text.startIndex, offsetBy: "<details><summary>".count)..<end.lowerBound]
                text = "**" + title + "**" + text[end.upperBound...]
            } else if text == "</details>" {
                continue
            } else if text.hasPrefix("<sub>"), text.hasSuffix("</sub>") {
                text = "_" + text.dropFirst("<sub>".count).dropLast("</sub>".count) + "_"
            }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }
}
