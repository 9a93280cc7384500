/// The Unicode classes the pre-tokenization patterns test, as bits of one byte per scalar.
///
/// `\p{L}`, `\p{N}`, `\p{M}` are general-category groups; `\s` is the White_Space property, as in
/// the Rust `regex` crate tiktoken uses.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// `\p{L}`.
    static let letter = ScalarClass(rawValue: 1)
    /// `\p{N}`.
    static let number = ScalarClass(rawValue: 2)
    /// `\p{M}`.
    static let mark = ScalarClass(rawValue: 4)
    /// `\s`.
    static let whitespace = ScalarClass(rawValue: 8)
    /// `\p{Lu}` or `\p{Lt}`.
    static let upperOrTitle = ScalarClass(rawValue: 16)
    /// `\p{Ll}`.
    static let lower = ScalarClass(rawValue: 32)
    /// `\p{Lm}` or `\p{Lo}`.
    static let modifierOrOther = ScalarClass(rawValue: 64)
    /// `\r` or `\n`.
    static let newline = ScalarClass(rawValue: 128)

    /// o200k's first letter class, `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    static let upperRun: UInt8 = 16 | 64 | 4
    /// o200k's second letter class, `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    static let lowerRun: UInt8 = 32 | 64 | 4
    /// Scalars outside `[^\s\p{L}\p{N}]`.
    static let notPunctuation: UInt8 = 1 | 2 | 8
    /// Scalars outside the optional prefix `[^\r\n\p{L}\p{N}]`.
    static let notPrefix: UInt8 = 1 | 2 | 128

    /// Classifies one scalar from Unicode properties.
    static func classify(_ scalar: Unicode.Scalar) -> UInt8 {
        var bits: UInt8 = 0
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: bits = letter.rawValue | upperOrTitle.rawValue
        case .lowercaseLetter: bits = letter.rawValue | lower.rawValue
        case .modifierLetter, .otherLetter: bits = letter.rawValue | modifierOrOther.rawValue
        case .decimalNumber, .letterNumber, .otherNumber: bits = number.rawValue
        case .nonspacingMark, .spacingMark, .enclosingMark: bits = mark.rawValue
        default: bits = 0
        }
        if isWhitespace(scalar.value) { bits |= whitespace.rawValue }
        if scalar == "\r" || scalar == "\n" { bits |= newline.rawValue }
        return bits
    }

    /// Unicode's White_Space property (`\s` in the Rust `regex` crate), stable since Unicode 6.3.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Classes of ASCII, read for most bytes of most texts.
    nonisolated(unsafe) static let ascii: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for value in 0..<128 { table[value] = classify(Unicode.Scalar(UInt8(value))) }
        return UnsafePointer(table)
    }()

    /// Classes of the Basic Multilingual Plane, built on the first non-ASCII scalar (a few ms) and never
    /// freed, so the scanner reads it through a plain pointer.
    nonisolated(unsafe) static let basicPlane: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        for value in 0..<0x10000 {
            if let scalar = Unicode.Scalar(UInt32(value)) {
                table[value] = classify(scalar)
            } else {
                table[value] = 0
            }
        }
        return UnsafePointer(table)
    }()

    /// The class of a scalar outside the Basic Multilingual Plane.
    static func supplementary(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        return classify(scalar)
    }
}
