/// Interns strings to dense ids so records stay small and grouping is by integer.
public struct StringTable: Sendable {
    /// The strings, indexed by id.
    public private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]

    /// Creates an empty table.
    public init() {}

    /// The id of `text`, adding it if new.
    public mutating func intern(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    /// The id of `text` if it was interned.
    public func id(of text: String) -> Int32? { ids[text] }

    /// The string for `id`.
    public subscript(id: Int32) -> String { strings[Int(id)] }

    /// Makes room for `count` strings in all, so interning many new strings does not rehash repeatedly.
    public mutating func reserveCapacity(_ count: Int) {
        strings.reserveCapacity(count)
        ids.reserveCapacity(count)
    }
}
