/// Makes untrusted text (route names, tags, policy names) harmless inside GitHub/GitLab Markdown.
///
/// Nothing from the traffic or the plan may open HTML, start a mention (`@team`), reference an issue (`#12`,
/// `GH-12`, `org/repo#34`), become a link (`http://x`, `www.x`, `mail@x.example`), break a table (`|`, newlines)
/// or format text. A name goes either in escaped text (`escape`) or in a code span (`code`); both were checked
/// against GitHub's renderer, cmark-gfm with its GFM extensions (`Tests/CostGateTests/Fixtures/markdown/`).
///
/// In text, ASCII punctuation is backslash-escaped (CommonMark shows the character, never the backslash) and
/// a zero-width joiner (U+200D) follows `@`, `#`, `:` and the `-` of `GH-` and the `.` of `www.`, which no
/// mention, reference or autolink pattern accepts. Inside a code span nothing is escaped (CommonMark processes
/// no escapes there): the fence is one backtick longer than the longest run inside. Control characters,
/// bidi controls and zero-width characters from the input are dropped in both.
public enum Markdown {
    /// The zero-width joiner that breaks mentions, references and autolinks without being seen.
    static let joiner: Unicode.Scalar = "\u{200D}"

    /// ASCII punctuation with a meaning somewhere in GFM; a backslash before it shows the character itself.
    private static let escaped = Set("\\`*_[](){}~!+-.=$%^|<>&\"'".unicodeScalars)

    /// Escapes `text` for use inside a table cell or a sentence.
    /// - Parameters:
    ///   - text: untrusted text.
    ///   - limit: the most characters kept; longer text ends with "…".
    /// - Returns: Markdown that renders as `text`, without links, mentions or formatting.
    public static func escape(_ text: String, limit: Int = 80) -> String {
        var result = ""
        var previous: [Unicode.Scalar] = []
        for scalar in sanitized(text, limit: limit).unicodeScalars {
            switch scalar {
            case "@":
                result.unicodeScalars.append(scalar)
                result.unicodeScalars.append(joiner)
            case "#", ":":
                result += "\\" + String(scalar)
                result.unicodeScalars.append(joiner)
            case "-" where previous.suffix(2).map { Character($0).lowercased() } == ["g", "h"],
                 "." where previous.suffix(3).map { Character($0).lowercased() } == ["w", "w", "w"]:
                result += "\\" + String(scalar)
                result.unicodeScalars.append(joiner)
            default:
                if Self.escaped.contains(scalar) {
                    result += "\\" + String(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            previous.append(scalar)
        }
        return result.isEmpty ? "(empty)" : result
    }

    /// `text` as an inline code span: shown verbatim, never linked, mentioned or formatted.
    /// - Parameters:
    ///   - text: untrusted text.
    ///   - limit: the most characters kept; longer text ends with "…".
    ///   - inTable: the span sits in a table cell, where GFM splits cells at `|` even inside code, so `|` is
    ///     written `\|` (which the table, not the span, turns back into `|`).
    /// - Returns: the span, fences included.
    public static func code(_ text: String, limit: Int = 80, inTable: Bool = false) -> String {
        var content = sanitized(text, limit: limit)
        if content.isEmpty { return "(empty)" }
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0
        var run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // CommonMark strips one space from each end when both ends have one; pad so ours are the ones stripped
        // and a backtick at an end cannot join the fence.
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || (content.hasPrefix(" ") && content.hasSuffix(" "))
        return pad ? fence + " " + content + " " + fence : fence + content + fence
    }

    /// `text` on one line, without control, bidi or zero-width characters, cut at `limit` characters.
    static func sanitized(_ text: String, limit: Int) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { result += "…"; break }
            switch scalar {
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}":
                result += " "
            default:
                if scalar.isInvisibleOrControl { continue }
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    /// A Markdown table; every cell must already be escaped.
    public static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n|"
        for index in header.indices { text += alignRight.contains(index) ? "---:|" : "---|" }
        text += "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
