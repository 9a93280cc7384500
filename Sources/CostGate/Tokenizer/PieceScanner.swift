/// Splits UTF-8 text into the pieces tiktoken's pre-tokenization regex matches, by hand.
///
/// Each `next…` method returns the end of the match starting at `position`, following the
/// backtracking (leftmost-first) semantics of the pattern's alternation. The patterns, from tiktoken
/// 0.14.0's `tiktoken_ext/openai_public.py`:
///
/// o200k_base, alternatives joined by `|`:
/// ```
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// \p{N}{1,3}
///  ?[^\s\p{L}\p{N}]+[\r\n/]*
/// \s*[\r\n]+
/// \s+(?!\S)
/// \s+
/// ```
/// cl100k_base:
/// ```
/// '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s
/// ```
/// Every scalar starts some alternative, so matches tile the text and the scanner never skips bytes.
/// The input must be valid UTF-8.
struct PieceScanner {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    /// Classes of ASCII; others come from `ScalarClass.basicPlane` or Unicode properties.
    private let table: UnsafePointer<UInt8>
    /// Where the next piece starts.
    private(set) var position = 0

    /// Creates a scanner over `bytes`, which must stay alive while it is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = bytes.count
        table = ScalarClass.ascii
    }

    /// The class bits and byte length of the scalar at `index` (which must be below `count`).
    @inline(__always)
    private func scalar(at index: Int) -> (bits: UInt8, length: Int) {
        let b0 = base[index]
        if b0 < 0x80 { return (table[Int(b0)], 1) }
        if b0 < 0xE0 {
            let value = (UInt32(b0 & 0x1F) << 6) | UInt32(base[index + 1] & 0x3F)
            return (ScalarClass.basicPlane[Int(value)], 2)
        }
        if b0 < 0xF0 {
            let value = (UInt32(b0 & 0x0F) << 12) | (UInt32(base[index + 1] & 0x3F) << 6) | UInt32(base[index + 2] & 0x3F)
            return (ScalarClass.basicPlane[Int(value)], 3)
        }
        let value = (UInt32(b0 & 0x07) << 18) | (UInt32(base[index + 1] & 0x3F) << 12)
            | (UInt32(base[index + 2] & 0x3F) << 6) | UInt32(base[index + 3] & 0x3F)
        return (ScalarClass.supplementary(value), 4)
    }

    /// The class bits at `index`, or 0 at the end of the text.
    @inline(__always)
    private func bits(at index: Int) -> UInt8 {
        index < count ? scalar(at: index).bits : 0
    }

    /// The end of the longest run, from `start`, of scalars that have some bit of `mask`.
    @inline(__always)
    private func run(from start: Int, anyOf mask: UInt8) -> Int {
        var index = start
        while index < count {
            let (bits, length) = scalar(at: index)
            if bits & mask == 0 { break }
            index += length
        }
        return index
    }

    /// The end of the longest run, from `start`, of scalars that have no bit of `mask`.
    @inline(__always)
    private func run(from start: Int, noneOf mask: UInt8) -> Int {
        var index = start
        while index < count {
            let (bits, length) = scalar(at: index)
            if bits & mask != 0 { break }
            index += length
        }
        return index
    }

    /// The end of `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `index`, or nil; cl100k's `'(?i:[sdmt]|ll|ve|re)` is the
    /// same set. Case folding makes `s` also match U+017F (ſ), as in the Rust `regex` crate.
    @inline(__always)
    private func contraction(at index: Int) -> Int? {
        guard index + 1 < count, base[index] == 0x27 else { return nil }
        // `| 0x20` lower-cases an ASCII letter; only `S` and `s` (and so on) land on these values.
        let first = base[index + 1] | 0x20
        switch first {
        case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
            return index + 2
        case UInt8(ascii: "r"), UInt8(ascii: "v"), UInt8(ascii: "l"):
            guard index + 2 < count else { return nil }
            let expected: UInt8 = first == UInt8(ascii: "l") ? UInt8(ascii: "l") : UInt8(ascii: "e")
            return base[index + 2] | 0x20 == expected ? index + 3 : nil
        case 0xE5 where base[index + 1] == 0xC5 && index + 2 < count && base[index + 2] == 0xBF:
            return index + 3  // 'ſ (U+017F LATIN SMALL LETTER LONG S) folds to 's
        default:
            return nil
        }
    }

    /// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+` from `start`, with backtracking.
    @inline(__always)
    private func o200kLowerWord(from start: Int) -> Int? {
        var index = start
        var lastLowerEnd = -1
        while index < count {
            let (bits, length) = scalar(at: index)
            if bits & ScalarClass.upperRun == 0 {
                // The star stops here; if this scalar can start the plus, the plus runs from it.
                if bits & ScalarClass.lowerRun != 0 { return run(from: index + length, anyOf: ScalarClass.lowerRun) }
                break
            }
            index += length
            if bits & ScalarClass.lowerRun != 0 { lastLowerEnd = index }
        }
        // Backtrack: the star gives back scalars until one can start the plus, which then takes only it.
        return lastLowerEnd >= 0 ? lastLowerEnd : nil
    }

    /// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*` from `start`.
    @inline(__always)
    private func o200kUpperWord(from start: Int) -> Int? {
        let upperEnd = run(from: start, anyOf: ScalarClass.upperRun)
        if upperEnd == start { return nil }
        return run(from: upperEnd, anyOf: ScalarClass.lowerRun)
    }

    /// Whitespace run facts from `start`: its end, the end of its last `\r`/`\n`, and where its last scalar starts.
    @inline(__always)
    private func whitespace(from start: Int) -> (end: Int, newlineEnd: Int, lastStart: Int) {
        var index = start
        var newlineEnd = -1
        var lastStart = start
        while index < count {
            let (bits, length) = scalar(at: index)
            if bits & ScalarClass.whitespace.rawValue == 0 { break }
            lastStart = index
            index += length
            if bits & ScalarClass.newline.rawValue != 0 { newlineEnd = index }
        }
        return (index, newlineEnd, lastStart)
    }

    /// The end of the next o200k_base piece, advancing past it; nil at the end of the text.
    @inline(__always)
    mutating func nextO200k() -> Int? {
        let start = position
        guard start < count else { return nil }
        let end = o200kMatch(at: start)
        position = end
        return end
    }

    private func o200kMatch(at start: Int) -> Int {
        let (first, firstLength) = scalar(at: start)
        // Alternatives 1 and 2: words, with an optional prefix scalar.
        // A word attempt can only succeed from a letter or mark, so skip attempts that start elsewhere;
        // the order of the remaining attempts is the pattern's.
        let wordy = ScalarClass.upperRun | ScalarClass.lowerRun
        let firstWordy = first & wordy != 0
        let secondWordy = first & ScalarClass.notPrefix == 0 && bits(at: start + firstLength) & wordy != 0
        if firstWordy || secondWordy {
            var end: Int? = nil
            if secondWordy { end = o200kLowerWord(from: start + firstLength) }
            if end == nil, firstWordy { end = o200kLowerWord(from: start) }
            if end == nil, secondWordy { end = o200kUpperWord(from: start + firstLength) }
            if end == nil, firstWordy { end = o200kUpperWord(from: start) }
            if let end { return contraction(at: end) ?? end }
        }
        // Alternative 3: one to three digits.
        if first & ScalarClass.number.rawValue != 0 { return digitGroupEnd(after: start + firstLength) }
        // Alternative 4: punctuation with an optional leading space and trailing newlines or slashes.
        let punctuationStart = base[start] == 0x20 ? start + 1 : start
        if punctuationStart < count, bits(at: punctuationStart) & ScalarClass.notPunctuation == 0 {
            var end = run(from: punctuationStart, noneOf: ScalarClass.notPunctuation)
            while end < count, base[end] == 0x0A || base[end] == 0x0D || base[end] == 0x2F { end += 1 }
            return end
        }
        // Alternatives 5 to 7: whitespace (the only scalars left).
        let space = whitespace(from: start)
        if space.newlineEnd >= 0 { return space.newlineEnd }
        if space.end == count { return space.end }
        if space.lastStart > start { return space.lastStart }
        return space.end
    }

    /// The end of `\p{N}{1,3}` whose first digit ends at `firstEnd`: up to two more number scalars.
    @inline(__always)
    private func digitGroupEnd(after firstEnd: Int) -> Int {
        var end = firstEnd
        for _ in 0..<2 where end < count {
            let (bits, length) = scalar(at: end)
            if bits & ScalarClass.number.rawValue == 0 { break }
            end += length
        }
        return end
    }

    /// The end of the next cl100k_base piece, advancing past it; nil at the end of the text.
    @inline(__always)
    mutating func nextCl100k() -> Int? {
        let start = position
        guard start < count else { return nil }
        let end = cl100kMatch(at: start)
        position = end
        return end
    }

    private func cl100kMatch(at start: Int) -> Int {
        // Alternative 1: a contraction anywhere.
        if base[start] == 0x27, let end = contraction(at: start) { return end }
        let (first, firstLength) = scalar(at: start)
        // Alternative 2: letters with a possessive optional prefix.
        if first & ScalarClass.notPrefix == 0 {
            let next = start + firstLength
            if bits(at: next) & ScalarClass.letter.rawValue != 0 {
                return run(from: next, anyOf: ScalarClass.letter.rawValue)
            }
        } else if first & ScalarClass.letter.rawValue != 0 {
            return run(from: start + firstLength, anyOf: ScalarClass.letter.rawValue)
        }
        // Alternative 3: one to three digits.
        if first & ScalarClass.number.rawValue != 0 { return digitGroupEnd(after: start + firstLength) }
        // Alternative 4: punctuation with an optional leading space and trailing newlines.
        let punctuationStart = base[start] == 0x20 ? start + 1 : start
        if punctuationStart < count, bits(at: punctuationStart) & ScalarClass.notPunctuation == 0 {
            var end = run(from: punctuationStart, noneOf: ScalarClass.notPunctuation)
            while end < count, base[end] == 0x0A || base[end] == 0x0D { end += 1 }
            return end
        }
        // Alternatives 5 to 8: whitespace.
        let space = whitespace(from: start)
        if space.end == count { return space.end }
        if space.newlineEnd >= 0 { return space.newlineEnd }
        if space.lastStart > start { return space.lastStart }
        return start + firstLength
    }
}
