extension Collection where Element == UInt8 {
    /// Whether `needle` occurs in these bytes: a plain byte search (an empty needle occurs everywhere).
    func containsBytes(_ needle: some Collection<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        let count = needle.count
        var start = startIndex
        while let found = self[start...].firstIndex(of: first) {
            guard let end = index(found, offsetBy: count, limitedBy: endIndex) else { return false }
            if self[found..<end].elementsEqual(needle) { return true }
            start = index(after: found)
        }
        return false
    }
}

extension String {
    /// Whether `needle`'s bytes occur in the string's UTF-8 bytes, for the catalog's ASCII keywords (Foundation's
    /// `contains` compares UTF-16 with locale rules, and was a fifth of loading the catalog).
    func containsASCII(_ needle: StaticString) -> Bool {
        utf8.containsBytes(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }
}
