import Foundation

/// How the spec maps canonical fields to names in the file, resolved once per read and shared by all chunks.
struct FieldLayout: Sendable {
    /// The name of each field as the file spells it (the `columns` mapping, else the canonical name).
    let names: [String]
    /// `names` as UTF-8, for matching keys without making strings.
    let keys: [[UInt8]]
    let keyHashes: [UInt64]
    /// `keys` end to end, key `i` at `keyArena[keyStarts[i]..<keyStarts[i + 1]]`: matching a key reads one array
    /// instead of retaining and releasing the key's own (2% of a check's time).
    private let keyArena: [UInt8]
    private let keyStarts: [Int]
    /// Open-addressing table from a key's hash to its field index (-1: empty), so a key costs one probe.
    private let slots: [Int8]
    /// Hashes of every name that is never a tag: mapped names and canonical names.
    /// (A plain array: a `Set` lookup costs a `Hasher` per top-level string, which showed in profiles.)
    let reservedHashes: [UInt64]
    let reservedNames: Set<[UInt8]>
    /// Defaults for `model`, `route`, `status`, `prefix_id`, by field.
    let fieldDefaults: [TrafficField: [UInt8]]
    /// Defaults for tags, sorted by key so interning order does not depend on dictionary order.
    let tagDefaults: [(key: [UInt8], value: [UInt8])]
    /// The `status` default as `isError`, if the spec gives one.
    let defaultIsError: Bool?
    /// Divisor that turns a numeric timestamp into seconds.
    let timestampDivisor: Double
    /// Milliseconds per unit of a recorded latency (`latency_unit`).
    let latencyScale: Double
    /// The dotted paths the spec maps (fields and tags), node 0 being the top level; empty when none.
    let pathNodes: [PathNode]
    /// Whether unmapped top-level strings are tags: in the plain formats; a named source format tags only what
    /// its preset and the plan map, so a request id is never a tag.
    let autoTags: Bool
    /// Whether a row with neither input nor output tokens is skipped, not an error (`TrafficPreset`).
    let skipsRowsWithoutUsage: Bool
    /// Whether the source is OTLP/JSON, read span by span.
    let isOTLP: Bool
    /// In OTLP, tag key → the attribute key that carries it (attribute keys contain dots; they are not paths).
    let otlpTags: [(key: [UInt8], attribute: [UInt8])]
    /// Whether any dotted path or renamed tag is mapped, so the top level must consult `pathNodes`.
    let hasPaths: Bool
    /// Whether records that do not say count input tokens apart from the cache (`token_convention: anthropic`).
    let inputExcludesCache: Bool
    /// Whether the file is a joined log (`TrafficJoin`): a row needs only its key; a row without one is skipped.
    let isLookup: Bool
    /// Whether a record may lack `timestamp`, because the join fills it.
    let timestampFromJoin: Bool
    /// The join key's tag key bytes.
    static let joinKey = Array(TrafficJoin.keyTag.utf8)

    /// Whether a tag key is the join key's: its value is the record's join key, kept apart from its tags.
    @inline(__always)
    static func isJoinKey(_ name: [UInt8]) -> Bool { name.first == 0x01 && name == joinKey }

    init(spec: TrafficSpec) {
        var names: [String] = []
        for field in TrafficField.allCases {
            names.append(spec.columns[field.canonicalName] ?? field.canonicalName)
        }
        self.names = names
        // A dotted name is a path into nested objects, read through `pathNodes`; `\.` is a literal dot.
        let segments = names.map(\.dottedPathSegments)
        keys = segments.map { Array(($0.count == 1 ? $0[0] : "\u{0}" + $0.joined(separator: ".")).utf8) }
        var paths: [(segments: [String], target: PathNode.Target)] = []
        for (index, path) in segments.enumerated() where path.count > 1 {
            paths.append((path, .field(TrafficField(rawValue: index)!)))
        }
        isOTLP = spec.format == .otlp
        otlpTags = isOTLP ? spec.tags.sorted(by: { $0.key < $1.key }).map { (Array($0.key.utf8), Array($0.value.utf8)) } : []
        for (tag, path) in spec.tags.sorted(by: { $0.key < $1.key }) where !isOTLP {
            paths.append((path.dottedPathSegments, .tag(Array(tag.utf8))))
        }
        if spec.columns["ttft_ms"] == nil, let path = TrafficPreset.of(spec.format)?.firstTokenTimePath {
            paths.append((path.dottedPathSegments, .firstTokenTime))
        }
        if let join = spec.join, !isOTLP {
            // The record's key is read as a reserved tag; the join replaces it with the partner's tags.
            paths.append((join.left.dottedPathSegments, .tag(Self.joinKey)))
        }
        isLookup = spec.isLookup
        timestampFromJoin = spec.join?.columns["timestamp"] != nil
        pathNodes = PathNode.build(paths).nodes
        hasPaths = !paths.isEmpty
        keyHashes = keys.map { key in key.withUnsafeBufferPointer { ByteHash.hash($0.baseAddress, $0.count) } }
        keyArena = keys.flatMap { $0 }
        keyStarts = keys.reduce(into: [0]) { starts, key in starts.append(starts.last! + key.count) }
        var slots = [Int8](repeating: -1, count: 64)
        for index in keyHashes.indices {
            var slot = Int(truncatingIfNeeded: keyHashes[index]) & 63
            while slots[slot] >= 0 { slot = (slot + 1) & 63 }
            slots[slot] = Int8(index)
        }
        self.slots = slots
        var reserved = Set(keys)
        for name in TrafficSpec.canonicalFields { reserved.insert(Array(name.utf8)) }
        reservedNames = reserved
        reservedHashes = Array(reserved.map { key in key.withUnsafeBufferPointer { ByteHash.hash($0.baseAddress, $0.count) } })
        var fieldDefaults: [TrafficField: [UInt8]] = [:]
        var tagDefaults: [(key: [UInt8], value: [UInt8])] = []
        for (key, value) in spec.defaults.sorted(by: { $0.key < $1.key }) {
            if let index = TrafficSpec.canonicalFields.firstIndex(of: key), let field = TrafficField(rawValue: index) {
                switch field {
                case .model, .route, .status, .prefixID, .cacheHit, .outcome: fieldDefaults[field] = Array(value.utf8)
                default: break // numeric defaults are not part of the contract
                }
            } else {
                tagDefaults.append((Array(key.utf8), Array(value.utf8)))
            }
        }
        self.fieldDefaults = fieldDefaults
        defaultIsError = fieldDefaults[.status].map { $0 == Array("error".utf8) }
        self.tagDefaults = tagDefaults
        inputExcludesCache = spec.tokenConvention == .anthropic
        autoTags = TrafficPreset.of(spec.format) == nil && !spec.isLookup
        skipsRowsWithoutUsage = TrafficPreset.of(spec.format)?.skipsRowsWithoutUsage ?? false
        latencyScale = spec.latencyUnit.milliseconds
        switch spec.timestampUnit {
        case .s: timestampDivisor = 1
        case .ms: timestampDivisor = 1e3
        case .us: timestampDivisor = 1e6
        case .ns: timestampDivisor = 1e9
        }
    }

    /// The user-facing name of `field`.
    func name(_ field: TrafficField) -> String { names[field.rawValue] }

    /// The field whose key is `bytes`, if any.
    @inline(__always)
    func field(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> TrafficField? {
        var slot = Int(truncatingIfNeeded: hash) & 63
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if keyHashes[index] == hash {
                let start = keyStarts[index]
                // Two mapped names may be equal; the first field wins, as in the table's probe order.
                if keyStarts[index + 1] - start == count,
                   count == 0 || keyArena.withUnsafeBufferPointer({ ByteHash.equal($0.baseAddress! + start, bytes, count) }) {
                    return TrafficField(rawValue: index)
                }
            }
            slot = (slot + 1) & 63
        }
    }

    /// Whether a key is a field name (canonical or mapped), and so never a tag.
    func isReserved(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Bool {
        var known = false
        for reservedHash in reservedHashes where reservedHash == hash {
            known = true
            break
        }
        guard known else { return false }
        return reservedNames.contains(Array(UnsafeBufferPointer(start: bytes, count: count)))
    }
}
