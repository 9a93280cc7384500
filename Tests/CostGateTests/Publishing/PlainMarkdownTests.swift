import Testing
@testable import CostGate

/// Bitbucket shows HTML as text: the report's `<details>` and `<sub>` become Markdown there.
@Suite struct PlainMarkdownTests {
    @Test func detailsAndFooterBecomeMarkdown() {
        let report = "### ✅ costgate\n\n<details><summary>Details</summary>\n\n**By model**\n\n</details>\n\n<sub>costgate 0.1.0 · check</sub>\n"
        #expect(PlainMarkdown.rewrite(report) == "### ✅ costgate\n\n**Details**\n\n**By model**\n\n\n_costgate 0.1.0 · check_\n")
    }

    @Test func namesThatLookLikeTagsAreLeftAsEscaped() {
        let line = "| &lt;details&gt; | $1.00 |"
        #expect(PlainMarkdown.rewrite(line) == line)
    }
}
