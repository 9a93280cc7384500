import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct BPETokenizerTests {
    @Test func fixturesArePresent() {
        #expect(TokenizerFixtures.vectors.count > 700)
        #expect(TokenizerFixtures.longVectors.count > 15)
    }

    @Test(arguments: TokenEncoding.allCases)
    func smallVectorsMatchTiktoken(encoding: TokenEncoding) throws {
        try check(TokenizerFixtures.vectors, encoding: encoding)
    }

    /// Extra random vectors from `generate.py --fuzz`, when `COSTGATE_TOKENIZER_VECTORS` names a file.
    @Test(.enabled(if: !TokenizerFixtures.extraVectors.isEmpty), arguments: TokenEncoding.allCases)
    func extraVectorsMatchTiktoken(encoding: TokenEncoding) throws {
        try check(TokenizerFixtures.extraVectors, encoding: encoding)
    }

    private func check(_ vectors: [TokenizerFixtures.Vector], encoding: TokenEncoding) throws {
        let tokenizer = try BPETokenizer.shared(encoding)
        var failures = 0
        for vector in vectors {
            let expected = try #require(vector.tokens[encoding])
            let actual = tokenizer.encode(vector.text)
            if actual != expected || tokenizer.count(vector.text) != vector.counts[encoding] {
                failures += 1
                Issue.record("\(vector.name) \(vector.text.debugDescription): expected \(expected), got \(actual)")
                if failures > 10 { return }
            }
        }
    }

    @Test(arguments: TokenEncoding.allCases, TokenizerFixtures.longVectors)
    func longVectorsMatchTiktoken(encoding: TokenEncoding, vector: TokenizerFixtures.LongVector) throws {
        let tokenizer = try BPETokenizer.shared(encoding)
        let tokens = tokenizer.encode(vector.text)
        #expect(tokens.count == vector.counts[encoding])
        #expect(tokenizer.count(vector.text) == vector.counts[encoding])
        if let hash = vector.hashes[encoding] {
            let joined = tokens.map(String.init).joined(separator: ",")
            #expect(SHA256.hex(Array(joined.utf8)) == hash)
        }
        if let hash = vector.idHashes[encoding] {
            #expect(TokenizerFixtures.idHash(tokens) == hash)
        }
    }

    /// A text no vector covers: encode, decode, and compare bytes; the parallel count agrees with the ids.
    @Test(arguments: TokenEncoding.allCases)
    func roundTripsUncoveredText(encoding: TokenEncoding) throws {
        let tokenizer = try BPETokenizer.shared(encoding)
        var generator = SplitMix(seed: 42)
        let alphabet = Array("abcXYZ  \n\n\t0123456789.,;'!?/éßЖж語日本😀👍🏽\u{301}\u{a0}\r\n<|endoftext|>don't WE'LL")
        var text = ""
        for _ in 0..<(1_300_000) { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        let tokens = tokenizer.encode(text)
        #expect(tokenizer.decode(tokens) == Array(text.utf8))
        let bytes = Array(text.utf8)
        let boundaries = bytes.withUnsafeBufferPointer { BPETokenizer.chunkBoundaries($0) }
        if ProcessInfo.processInfo.activeProcessorCount > 1 {
            #expect(boundaries.count > 2, "the text should be split into several chunks")
        }
        for boundary in boundaries.dropFirst().dropLast() {
            #expect(bytes[boundary - 1] == 0x0A)
        }
        #expect(tokenizer.count(text) == tokens.count)
    }

    @Test(arguments: TokenEncoding.allCases)
    func invalidUTF8CountsAsReplacementCharacters(encoding: TokenEncoding) throws {
        let tokenizer = try BPETokenizer.shared(encoding)
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x20, 0xED, 0xA0, 0x80, 0x63]
        #expect(tokenizer.count(utf8: bytes) == tokenizer.count(String(decoding: bytes, as: UTF8.self)))
        #expect(tokenizer.count(utf8: Array("plain text".utf8)) == tokenizer.count("plain text"))
    }

    @Test func vocabularySizes() throws {
        #expect(try BPETokenizer.shared(.o200kBase).vocabularySize == 199_998)
        #expect(try BPETokenizer.shared(.cl100kBase).vocabularySize == 100_256)
    }

    @Test func unknownEncodingSuggestsTheClosest() {
        #expect(throws: CostGateError.unknownName(kind: "encoding", name: "o200k", context: "--encoding",
                                                  suggestions: ["o200k_base"])) {
            try TokenEncoding.named("o200k", context: "--encoding")
        }
    }
}
