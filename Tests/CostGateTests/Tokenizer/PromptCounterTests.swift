import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct PromptCounterTests {
    @Test func plainTextIsCountedWhole() throws {
        let text = "You are a helpful assistant. [not JSON"
        let count = try PromptCounter.count(Array(text.utf8), path: "p.txt", encoding: .o200kBase, ratio: 1, exact: true)
        #expect(count.rawTokens == (try BPETokenizer.shared(.o200kBase).count(text)))
        #expect(count.tokens == count.rawTokens)
        #expect(count.messages == nil)
    }

    /// The cookbook's example: 3 per message, the tokens of each value, 1 per name, 3 for the reply.
    @Test(arguments: TokenEncoding.allCases)
    func chatAddsPerMessageOverhead(encoding: TokenEncoding) throws {
        let json = """
        [{"role": "system", "content": "You are terse."},
         {"role": "user", "name": "ada", "content": "Hello!"},
         {"role": "assistant", "content": null},
         {"role": "user", "content": [{"type": "text", "text": "Part one."}, {"type": "image_url"}]}]
        """
        let tokenizer = try BPETokenizer.shared(encoding)
        let values = ["system", "You are terse.", "user", "ada", "Hello!", "assistant", "user", "Part one."]
        let expected = 4 * PromptCounter.tokensPerMessage + PromptCounter.tokensPerName + PromptCounter.replyPriming
            + values.map(tokenizer.count).reduce(0, +)
        let count = try PromptCounter.count(Array(json.utf8), path: "chat.json", encoding: encoding, ratio: 1, exact: true)
        #expect(count.rawTokens == expected)
        #expect(count.messages == 4)
    }

    @Test func badContentNamesTheMessage() {
        let json = #"[{"role": "user", "content": 42}]"#
        #expect(throws: CostGateError.badPlan(file: "c.json", path: "[0].content",
                                              expected: "a string, an array of parts or null", found: "number 42")) {
            try PromptCounter.count(Array(json.utf8), path: "c.json", encoding: .o200kBase, ratio: 1, exact: true)
        }
    }

    @Test(arguments: [
        (10, 1.2, false, 12), (5, 1.1, false, 6), (25, 1.1, false, 28), (15, 1.1, false, 17), (7, 1.5, false, 11),
        (10, 1.2, true, 10), (0, 1.3, false, 0),
    ])
    func estimatesRoundHalfAwayFromZero(raw: Int, ratio: Double, exact: Bool, expected: Int) {
        #expect(PromptCount.estimate(raw, ratio: ratio, exact: exact) == expected)
    }

    @Test func estimateCarriesRatio() throws {
        let count = try PromptCounter.count(Array("hello world".utf8), path: "p", encoding: .o200kBase, ratio: 1.5, exact: false)
        #expect(count.rawTokens == 2)
        #expect(count.tokens == 3)
        #expect(!count.exact)
        #expect(count.ratio == 1.5)
    }
}
