import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The CI templates in `ci/` call `costgate check` and `costgate comment` only with options those commands
/// have, so a renamed option cannot leave a template that fails on its first run.
@Suite struct CITemplateTests {
    static let templates = ["ci/github-actions.yml", "ci/github-action/action.yml", "ci/gitlab-ci.yml", "ci/azure-pipelines.yml",
                            "ci/bitbucket-pipelines.yml", "ci/README.md"]

    /// Every `--option` given to `costgate check` or `costgate comment` in `text`, with its command and line,
    /// following `\` continuations and bash arrays (`args=(comment …)`, `args+=(…)`, `base=(--base-ref …)`).
    static func options(in text: String) -> [(command: String, option: String, line: Int)] {
        var found: [(String, String, Int)] = []
        var command: String?
        var arrayCommand: String?
        var continued = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.contains("costgate check") || line.contains("base=(--base-ref") {
                command = "check"
            } else if line.contains("costgate comment") || line.contains("args=(comment") {
                command = "comment"
                if line.contains("args=(comment") { arrayCommand = "comment" }
            } else if line.contains("args+=(") {
                command = arrayCommand
            } else if !continued {
                command = nil
            }
            continued = line.hasSuffix("\\")
            guard let command else { continue }
            for token in line.split(whereSeparator: { " \t\"'`(),=".contains($0) }) where token.hasPrefix("--") && token.count > 2 {
                let name = token.dropFirst(2).prefix { $0.isLetter || $0 == "-" }
                found.append((command, String(name), index + 1))
            }
        }
        return found
    }

    @Test(arguments: templates)
    func templatesUseOnlyOptionsThatExist(path: String) throws {
        let text = try String(contentsOfFile: repositoryRoot + "/" + path, encoding: .utf8)
        let used = Self.options(in: text)
        #expect(!used.isEmpty, "\(path) calls neither costgate check nor costgate comment")
        for use in used {
            let table = use.command == "check" ? CheckCommand.options : CommentCommand.options
            #expect(table.option(named: use.option) != nil, "\(path):\(use.line): costgate \(use.command) has no option --\(use.option)")
        }
    }

    @Test func theTemplatesPostWithCostgateCommentOnly() throws {
        for path in Self.templates where path.hasSuffix(".yml") {
            let text = try String(contentsOfFile: repositoryRoot + "/" + path, encoding: .utf8)
            #expect(!text.contains("jq ") && !text.contains("github-script") && !text.contains("PRIVATE-TOKEN"), "\(path) posts by hand")
            #expect(text.contains("costgate comment") || text.contains("args=(comment") || text.contains("ci/github-action@"), "\(path)")
        }
    }

    @Test func theScannerSeesContinuationsAndArrays() {
        let text = """
        costgate check --plan p \\
          --bogus-one x
        curl --fail
        args=(comment github --tag t)
        args+=(--nope)
        """
        let found = Self.options(in: text).map { "\($0.command) \($0.option)" }
        #expect(found == ["check plan", "check bogus-one", "comment tag", "comment nope"])
    }
}
