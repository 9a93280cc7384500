import Foundation
import Synchronization

/// An exact byte-pair-encoding tokenizer for one OpenAI encoding, matching tiktoken 0.14.0's
/// `encode_ordinary` (special-token text such as `<|endoftext|>` is encoded as plain text).
///
/// Use `shared(_:)`: it loads the rank file from the bundle on first use and keeps one tokenizer per
/// encoding for the life of the process.
public final class BPETokenizer: Sendable {
    /// The encoding this tokenizer implements.
    public let encoding: TokenEncoding
    private let table: RankTable

    /// Texts at least this long are split at safe boundaries and counted on several threads.
    static let parallelThreshold = 1 << 20

    private static let cache = Mutex<[TokenEncoding: BPETokenizer]>([:])

    /// The process-wide tokenizer for `encoding`, loading its rank file on first use.
    ///
    /// - Parameter encoding: The encoding.
    /// - Returns: The shared tokenizer.
    /// - Throws: `CostGateError.io` when the bundled rank file is missing or malformed.
    public static func shared(_ encoding: TokenEncoding) throws(CostGateError) -> BPETokenizer {
        let result: Result<BPETokenizer, CostGateError> = cache.withLock { tokenizers in
            if let tokenizer = tokenizers[encoding] { return .success(tokenizer) }
            do throws(CostGateError) {
                let tokenizer = try BPETokenizer(encoding: encoding, rankFile: bundledRankFile(encoding))
                tokenizers[encoding] = tokenizer
                return .success(tokenizer)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The path of the bundled rank file for `encoding`.
    static func bundledRankFile(_ encoding: TokenEncoding) -> String {
        BundledResource.path("tokenizers/" + encoding.rankFileName)
    }

    /// Loads a tokenizer from a `.tiktoken` rank file.
    ///
    /// - Parameters:
    ///   - encoding: Which pre-tokenization pattern to use.
    ///   - rankFile: The path of the rank file.
    /// - Throws: `CostGateError.io` when the file cannot be read or parsed.
    public convenience init(encoding: TokenEncoding, rankFile: String) throws(CostGateError) {
        guard let data = FileManager.default.contents(atPath: rankFile) else {
            throw .io(path: rankFile, reason: "cannot read the \(encoding.rawValue) rank file; install costgate with "
                + "its costgate_CostGate.resources folder beside the binary")
        }
        let parsed = data.withUnsafeBytes { RankTable.parse($0) }
        switch parsed {
        case .success(let table):
            self.init(encoding: encoding, table: table)
        case .failure(let failure):
            throw .io(path: rankFile, reason: (failure.line > 0 ? "line \(failure.line): " : "") + failure.reason)
        }
    }

    private init(encoding: TokenEncoding, table: RankTable) {
        self.encoding = encoding
        self.table = table
    }

    /// The number of tokens in `text`.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The token count `encode(text).count` would give, computed without building the array.
    public func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { countValidUTF8($0, parallel: true) }
    }

    /// The number of tokens in UTF-8 bytes; invalid sequences count as U+FFFD, as Python's `errors="replace"`.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - parallel: Whether a large text may be counted on several threads (the result is the same).
    /// - Returns: The token count.
    public func count(utf8 bytes: some Collection<UInt8>, parallel: Bool = true) -> Int {
        let fast = bytes.withContiguousStorageIfAvailable { buffer -> Int? in
            guard BPETokenizer.isValidUTF8(buffer) else { return nil }
            return countValidUTF8(buffer, parallel: parallel)
        }
        if let fast, let fast { return fast }
        var text = String(decoding: bytes, as: UTF8.self)
        return text.withUTF8 { countValidUTF8($0, parallel: parallel) }
    }

    /// The token ids of `text`.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The ranks tiktoken's `encode_ordinary` returns.
    public func encode(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { unpadded in BPETokenizer.withPadding(unpadded) { buffer in
            var tokens: [Int] = []
            tokens.reserveCapacity(buffer.count / 4)
            var merger = BytePairMerger()
            forEachPiece(buffer) { pointer, length in
                merger.merge(pointer, length, table: table) { tokens.append(Int($0)) }
            }
            return tokens
        } }
    }

    /// The bytes of `tokens` joined, or nil if a token id is not in the encoding.
    ///
    /// - Parameter tokens: Token ids.
    /// - Returns: The UTF-8 bytes (possibly a partial character at the ends).
    public func decode(_ tokens: [Int]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for token in tokens {
            guard let piece = table.tokenBytes(token) else { return nil }
            bytes.append(contentsOf: piece)
        }
        return bytes
    }

    /// How many tokens the encoding has (`n_vocab` without special tokens).
    public var vocabularySize: Int { table.rankCount }

    @inline(__always)
    private func forEachPiece(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>, Int) -> Void) {
        guard let base = buffer.baseAddress else { return }
        var scanner = PieceScanner(buffer)
        var start = 0
        switch encoding {
        case .o200kBase:
            while let end = scanner.nextO200k() {
                body(base + start, end - start)
                start = end
            }
        case .cl100kBase:
            while let end = scanner.nextCl100k() {
                body(base + start, end - start)
                start = end
            }
        }
    }

    private func countChunk(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var merger = BytePairMerger(textBytes: buffer.count)
        var total = 0
        forEachPiece(buffer) { pointer, length in
            total += merger.count(pointer, length, table: table)
        }
        return total
    }

    /// Calls `body` with a copy of `buffer` followed by 8 zero bytes, which the rank lookups may read.
    static func withPadding<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: buffer.count + 8)
        defer { padded.deallocate() }
        if let base = buffer.baseAddress { padded.update(from: base, count: buffer.count) }
        (padded + buffer.count).initialize(repeating: 0, count: 8)
        return body(UnsafeBufferPointer(start: padded, count: buffer.count))
    }

    private func countValidUTF8(_ unpadded: UnsafeBufferPointer<UInt8>, parallel: Bool) -> Int {
        BPETokenizer.withPadding(unpadded) { countPadded($0, parallel: parallel) }
    }

    private func countPadded(_ buffer: UnsafeBufferPointer<UInt8>, parallel: Bool) -> Int {
        let chunks = parallel ? BPETokenizer.chunkBoundaries(buffer) : [0, buffer.count]
        if chunks.count <= 2 { return countChunk(buffer) }
        let totals = Mutex<[Int]>(Array(repeating: 0, count: chunks.count - 1))
        nonisolated(unsafe) let shared = buffer
        DispatchQueue.concurrentPerform(iterations: chunks.count - 1) { index in
            let slice = UnsafeBufferPointer(rebasing: shared[chunks[index]..<chunks[index + 1]])
            let total = countChunk(slice)
            totals.withLock { $0[index] = total }
        }
        return totals.withLock { $0.reduce(0, +) }
    }

    /// Offsets that split `buffer` into chunks tokenized independently with the same result.
    ///
    /// A split goes right after a `\n` that is followed by an ASCII letter or digit: no alternative of
    /// either pattern matches across that point (the letter prefix class excludes `\r\n`, trailing runs
    /// take only `\r`, `\n` or `/`), every whitespace run ending in `\n` ends its match there whether or
    /// not text follows, and no pattern looks behind, so the piece sequence is the same as for the
    /// whole text. The chunk totals are added in order, so the count does not depend on scheduling.
    static func chunkBoundaries(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        let count = buffer.count
        guard count >= parallelThreshold else { return [0, count] }
        let processors = ProcessInfo.processInfo.activeProcessorCount
        guard processors > 1 else { return [0, count] }
        let target = max(count / (processors * 4), 256 << 10)
        var boundaries = [0]
        var index = target
        while index < count {
            var split = index
            while split < count {
                if buffer[split - 1] == 0x0A, BPETokenizer.isASCIIAlphanumeric(buffer[split]) { break }
                split += 1
            }
            if split >= count { break }
            boundaries.append(split)
            index = split + target
        }
        boundaries.append(count)
        return boundaries
    }

    @inline(__always)
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// Whether `buffer` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = buffer.count
        let base = UnsafeRawPointer(buffer.baseAddress)
        while index < count {
            // Skip ASCII eight bytes at a time.
            if let base, index + 8 <= count,
               base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let b0 = buffer[index]
            if b0 < 0x80 { index += 1; continue }
            @inline(__always) func continuation(_ offset: Int) -> Bool {
                index + offset < count && buffer[index + offset] & 0xC0 == 0x80
            }
            switch b0 {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                index += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let b1 = buffer[index + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }
                if b0 == 0xED && b1 > 0x9F { return false }
                index += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let b1 = buffer[index + 1]
                if b0 == 0xF0 && b1 < 0x90 { return false }
                if b0 == 0xF4 && b1 > 0x8F { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }
}
