import Foundation

/// What `check` adds when it runs under GitHub Actions: annotations on stderr when `GITHUB_ACTIONS=true`,
/// and the Markdown report appended to `$GITHUB_STEP_SUMMARY` when that is set, whatever `--format` says.
enum CIOutputs {
    /// GitHub's limit on one step's summary.
    static let summaryLimit = 1_048_576

    static func publish(_ evaluation: Evaluation, context: CommandContext) throws(CostGateError) {
        if context.environment["GITHUB_ACTIONS"] == "true" {
            let annotations = GitHubAnnotations.render(evaluation)
            if !annotations.isEmpty { context.stderr(annotations) }
        }
        guard let path = context.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        let markdown = MarkdownReportRenderer(maxCharacters: summaryLimit / 4).document(evaluation) + "\n"
        let full = context.resolve(path)
        if !FileManager.default.fileExists(atPath: full) {
            guard FileManager.default.createFile(atPath: full, contents: nil) else {
                throw .io(path: path, reason: "cannot create the job summary ($GITHUB_STEP_SUMMARY)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: full) else {
            throw .io(path: path, reason: "cannot append to the job summary ($GITHUB_STEP_SUMMARY)")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(markdown.utf8))
        } catch {
            throw .io(path: path, reason: "cannot append to the job summary ($GITHUB_STEP_SUMMARY): \(error.localizedDescription)")
        }
    }
}
