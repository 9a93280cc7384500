import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct RankFileTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256KnownAnswers(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test(arguments: [
        (TokenEncoding.o200kBase, "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
        (TokenEncoding.cl100kBase, "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"),
    ])
    func bundledRankFilesAreOpenAIs(encoding: TokenEncoding, digest: String) throws {
        let path = BPETokenizer.bundledRankFile(encoding)
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(SHA256.hex([UInt8](data)) == digest)
    }

    @Test func malformedRankFileNamesTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tiktoken").path
        try Data("YQ== 0\nnot base64! 1\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CostGateError.self) { try BPETokenizer(encoding: .o200kBase, rankFile: path) }
    }
}

extension RankFileTests {
    /// A rank file listed out of rank order loads into the same table (the relayout path).
    @Test func shuffledRankFileEncodesTheSame() throws {
        let original = try #require(FileManager.default.contents(atPath: BPETokenizer.bundledRankFile(.cl100kBase)))
        let lines = String(decoding: original, as: UTF8.self).split(separator: "\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shuffled-\(UUID().uuidString).tiktoken").path
        try Data((lines.reversed().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let shuffled = try BPETokenizer(encoding: .cl100kBase, rankFile: path)
        let text = "Shuffled rank files still encode: naïve café, 12345, don't! 👩‍💻"
        #expect(shuffled.encode(text) == (try BPETokenizer.shared(.cl100kBase).encode(text)))
    }

    @Test(arguments: [
        ("YQ== 0\nYQ== 0\n", "duplicate rank 0"),
        ("YQ== 1\n", "a rank is missing"),
        ("YQ== 0\n", "no rank for byte 0"),
        ("YQ==0\n", "expected 'base64 rank'"),
    ])
    func malformedRankFilesSayWhy(contents: String, reason: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tiktoken").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try BPETokenizer(encoding: .o200kBase, rankFile: path)
            Issue.record("loaded a malformed rank file")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }
}
