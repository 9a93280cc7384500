extension ParsedOptions {
    /// The renderer `--format` names for an evaluation, with `--max-comment-chars` applied to Markdown.
    /// - Throws: `CostGateError.usage` when `--max-comment-chars` is given for another format or is not a count
    ///   of at least 1,000 (below that not even the headline and policies fit).
    func evaluationRenderer() throws(CostGateError) -> any ReportRenderer<Evaluation> {
        let renderer = try renderer(in: Renderers.evaluation)
        guard let budget = try int("max-comment-chars", in: 1_000...100_000_000) else { return renderer }
        guard var markdown = renderer as? MarkdownReportRenderer else {
            throw .usage("--max-comment-chars applies to --format markdown")
        }
        markdown.maxCharacters = budget
        return markdown
    }
}
