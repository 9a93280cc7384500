extension String {
    /// The segments of a dotted path (`usage.prompt_tokens`, `routes.chat.model`); `\.` keeps a literal dot, for
    /// keys such as model ids (`gpt-4\.1`). Plan patches and traffic field paths share this one rule.
    var dottedPathSegments: [String] {
        var segments: [String] = []
        var current = ""
        var escaped = false
        for character in self {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "." { segments.append(current); current = ""; continue }
            current.append(character)
        }
        segments.append(current)
        return segments
    }
}
