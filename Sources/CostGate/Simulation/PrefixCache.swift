/// A least-recently-used cache of prompt blocks, weighted by tokens, as vLLM's prefix cache behaves.
///
/// Keys are block hashes; each entry holds `tokens` KV tokens. When the total exceeds the capacity the least
/// recently used entries are evicted; the simulator also shrinks it to the replica's free KV blocks after
/// every scheduling step, because cached blocks live in the free part of the KV cache. Implemented as a hash map into a doubly linked list kept in arrays.
struct PrefixCache {
    private var index: [Int64: Int32] = [:]
    private var keys: [Int64] = []
    private var weights: [Int32] = []
    private var prev: [Int32] = []
    private var next: [Int32] = []
    private var freeSlots: [Int32] = []
    private var head: Int32 = -1  // most recent
    private var tail: Int32 = -1  // least recent
    private(set) var totalTokens = 0
    let capacityTokens: Int

    init(capacityTokens: Int) { self.capacityTokens = capacityTokens }

    /// Whether `key` is cached; a hit becomes the most recently used.
    mutating func touch(_ key: Int64) -> Bool {
        guard let slot = index[key] else { return false }
        unlink(slot)
        pushFront(slot)
        return true
    }

    /// Inserts or refreshes `key` with `tokens` tokens, evicting as needed.
    mutating func insert(_ key: Int64, tokens: Int) {
        if touch(key) { return }
        guard tokens <= capacityTokens else { return }
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            keys[Int(slot)] = key
            weights[Int(slot)] = Int32(tokens)
        } else {
            slot = Int32(keys.count)
            keys.append(key)
            weights.append(Int32(tokens))
            prev.append(-1)
            next.append(-1)
        }
        index[key] = slot
        pushFront(slot)
        totalTokens += tokens
        shrink(toTokens: capacityTokens)
    }

    /// Evicts least recently used entries until at most `tokens` tokens are cached.
    mutating func shrink(toTokens tokens: Int) {
        while totalTokens > tokens, tail >= 0 {
            let victim = tail
            unlink(victim)
            index[keys[Int(victim)]] = nil
            totalTokens -= Int(weights[Int(victim)])
            freeSlots.append(victim)
        }
    }

    private mutating func unlink(_ slot: Int32) {
        let p = prev[Int(slot)], n = next[Int(slot)]
        if p >= 0 { next[Int(p)] = n } else { head = n }
        if n >= 0 { prev[Int(n)] = p } else { tail = p }
        prev[Int(slot)] = -1
        next[Int(slot)] = -1
    }

    private mutating func pushFront(_ slot: Int32) {
        next[Int(slot)] = head
        prev[Int(slot)] = -1
        if head >= 0 { prev[Int(head)] = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
