/// Byte-pair merging of one pre-tokenized piece, with tiktoken's semantics: repeatedly merge the
/// adjacent pair whose concatenation has the lowest rank, the leftmost on ties.
///
/// Short pieces use tiktoken's own array scan; long ones a binary heap over a linked list, which
/// gives the same merges (the heap orders by rank, then by start offset, so ties go leftmost)
/// in O(n log n) instead of O(n²). Scratch buffers are reused across pieces, and `count` remembers
/// the counts of recent pieces that needed merging (code repeats its identifiers).
struct BytePairMerger {
    /// Pieces longer than this use the heap.
    static let heapThreshold = 128

    private var starts: [Int] = []
    private var ranks: [UInt32] = []
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var cache: PieceCountCache?
    /// The length of the text this merger counts, which sizes its cache.
    private let textBytes: Int

    /// A merger for a text of `textBytes` bytes (unknown: the largest cache).
    init(textBytes: Int = .max) { self.textBytes = textBytes }

    /// Calls `emit` with the rank of each token of the piece at `pointer`, in order.
    @inline(__always)
    mutating func merge(_ pointer: UnsafePointer<UInt8>, _ length: Int, table: RankTable, emit: (UInt32) -> Void) {
        if length == 1 {
            emit(table.rank(pointer, 1))
            return
        }
        let whole = table.rank(pointer, length)
        if whole != RankTable.missing {
            emit(whole)
            return
        }
        if length <= BytePairMerger.heapThreshold {
            mergeByScan(pointer, length, table: table, emit: emit)
        } else {
            mergeByHeap(pointer, length, table: table, emit: emit)
        }
    }

    /// The number of tokens the piece at `pointer` encodes to.
    @inline(__always)
    mutating func count(_ pointer: UnsafePointer<UInt8>, _ length: Int, table: RankTable) -> Int {
        if length == 1 { return 1 }
        if table.rank(pointer, length) != RankTable.missing { return 1 }
        if length <= PieceCountCache.maxLength {
            let cache = self.cache ?? PieceCountCache(textBytes: textBytes)
            self.cache = cache
            let hash = RankTable.hash(pointer, length)
            if let known = cache.count(pointer, length, hash: hash) { return known }
            // Cached pieces are shorter than `heapThreshold`, so they take the scan.
            var tokens = 0
            mergeByScan(pointer, length, table: table) { _ in tokens += 1 }
            cache.store(pointer, length, hash: hash, count: tokens)
            return tokens
        }
        var tokens = 0
        if length <= BytePairMerger.heapThreshold {
            mergeByScan(pointer, length, table: table) { _ in tokens += 1 }
        } else {
            mergeByHeap(pointer, length, table: table) { _ in tokens += 1 }
        }
        return tokens
    }

    /// tiktoken's `_byte_pair_merge`: an array of part starts with the rank of each part and its right neighbour.
    private mutating func mergeByScan(_ pointer: UnsafePointer<UInt8>, _ length: Int, table: RankTable,
                                      emit: (UInt32) -> Void) {
        starts.removeAll(keepingCapacity: true)
        ranks.removeAll(keepingCapacity: true)
        var minRank = RankTable.missing
        var minIndex = 0
        for index in 0..<(length - 1) {
            let rank = table.rank(pointer + index, 2)
            if rank < minRank {
                minRank = rank
                minIndex = index
            }
            starts.append(index)
            ranks.append(rank)
        }
        starts.append(length - 1)
        ranks.append(RankTable.missing)
        starts.append(length)
        ranks.append(RankTable.missing)
        starts.withUnsafeMutableBufferPointer { starts in
            ranks.withUnsafeMutableBufferPointer { ranks in
                var partCount = length + 1
                @inline(__always)
                func rank(after index: Int) -> UInt32 {
                    guard index + 3 < partCount else { return RankTable.missing }
                    return table.rank(pointer + starts[index], starts[index + 3] - starts[index])
                }
                while minRank != RankTable.missing {
                    let index = minIndex
                    if index > 0 { ranks[index - 1] = rank(after: index - 1) }
                    ranks[index] = rank(after: index)
                    // Remove part index + 1.
                    var move = index + 1
                    while move + 1 < partCount {
                        starts[move] = starts[move + 1]
                        ranks[move] = ranks[move + 1]
                        move += 1
                    }
                    partCount -= 1
                    minRank = RankTable.missing
                    for scan in 0..<(partCount - 1) where ranks[scan] < minRank {
                        minRank = ranks[scan]
                        minIndex = scan
                    }
                }
                for index in 0..<(partCount - 1) {
                    emit(table.rank(pointer + starts[index], starts[index + 1] - starts[index]))
                }
            }
        }
    }

    /// The same merges with a min-heap of `rank << 32 | start` and a doubly linked list of parts.
    private mutating func mergeByHeap(_ pointer: UnsafePointer<UInt8>, _ length: Int, table: RankTable,
                                      emit: (UInt32) -> Void) {
        // Parts are named by their start offset; `next[start]` is the following part's start.
        next.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        ranks.removeAll(keepingCapacity: true)
        for index in 0...length {
            next.append(Int32(index + 1))
            previous.append(Int32(index - 1))
            ranks.append(RankTable.missing)
        }
        var heap = Heap(capacity: 3 * length)
        for index in 0..<(length - 1) {
            let rank = table.rank(pointer + index, 2)
            ranks[index] = rank
            if rank != RankTable.missing { heap.append(UInt64(rank) << 32 | UInt64(index)) }
        }
        heap.heapify()
        next.withUnsafeMutableBufferPointer { next in
            previous.withUnsafeMutableBufferPointer { previous in
                ranks.withUnsafeMutableBufferPointer { ranks in
                    @inline(__always)
                    func pairRank(_ start: Int) -> UInt32 {
                        let second = Int(next[start])
                        guard second < length else { return RankTable.missing }
                        let end = Int(next[second])
                        return table.rank(pointer + start, end - start)
                    }
                    while let top = heap.popMin() {
                        let start = Int(top & 0xFFFF_FFFF)
                        let rank = UInt32(top >> 32)
                        // Stale entries: the part was merged away (rank reset) or its pair grew since.
                        guard ranks[start] == rank else { continue }
                        let removed = Int(next[start])
                        let after = Int(next[removed])
                        next[start] = Int32(after)
                        if after <= length { previous[after] = Int32(start) }
                        ranks[removed] = RankTable.missing
                        let newRank = pairRank(start)
                        ranks[start] = newRank
                        if newRank != RankTable.missing { heap.push(UInt64(newRank) << 32 | UInt64(start)) }
                        let before = Int(previous[start])
                        if before >= 0 {
                            let beforeRank = pairRank(before)
                            ranks[before] = beforeRank
                            if beforeRank != RankTable.missing { heap.push(UInt64(beforeRank) << 32 | UInt64(before)) }
                        }
                    }
                    var start = 0
                    while start < length {
                        let end = Int(next[start])
                        emit(table.rank(pointer + start, end - start))
                        start = end
                    }
                }
            }
        }
    }
}

/// A binary min-heap of packed `rank << 32 | start` words in a fixed buffer.
///
/// A merge pushes at most two entries, so a piece of n bytes never holds more than 3n.
private struct Heap: ~Copyable {
    private let storage: UnsafeMutablePointer<UInt64>
    private var count = 0

    init(capacity: Int) {
        storage = .allocate(capacity: max(capacity, 1))
    }

    deinit { storage.deallocate() }

    /// Adds an entry without restoring heap order (call `heapify` afterwards).
    mutating func append(_ value: UInt64) {
        storage[count] = value
        count += 1
    }

    mutating func heapify() {
        guard count > 1 else { return }
        for index in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    mutating func push(_ value: UInt64) {
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) / 2
            if storage[parent] <= value { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = value
    }

    mutating func popMin() -> UInt64? {
        guard count > 0 else { return nil }
        count -= 1
        let top = storage[0]
        if count > 0 {
            storage[0] = storage[count]
            siftDown(0)
        }
        return top
    }

    private func siftDown(_ start: Int) {
        let value = storage[start]
        var index = start
        while true {
            var child = 2 * index + 1
            if child >= count { break }
            if child + 1 < count, storage[child + 1] < storage[child] { child += 1 }
            if storage[child] >= value { break }
            storage[index] = storage[child]
            index = child
        }
        storage[index] = value
    }
}
