extension String {
    /// Whether `needle`'s bytes occur in the string's UTF-8 bytes: a plain byte search, for the catalog's ASCII
    /// keywords (Foundation's `contains` compares UTF-16 with locale rules, and was a fifth of loading the catalog).
    func containsASCII(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        let bytes = utf8
        guard count > 0, bytes.count >= count else { return count == 0 }
        let first = needle.utf8Start.pointee
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: first) {
            guard let end = bytes.index(found, offsetBy: count, limitedBy: bytes.endIndex) else { return false }
            if bytes[found..<end].elementsEqual(UnsafeBufferPointer(start: needle.utf8Start, count: count)) { return true }
            start = bytes.index(after: found)
        }
        return false
    }
}
