/// A replica's decode-only stretch, kept in aggregate.
///
/// While every running request decodes one token a step, nothing waits and the KV cache has room, a step's
/// load follows from the number of running requests and the sum of their context lengths, so `SimulationLoop`
/// touches a request only when it finishes or the stretch ends, not on every step. Each request keeps, in the
/// loop's state, the computed and generated tokens, blocks and GPU time it had when the stretch began; the
/// stretch adds what its steps did when the request leaves it.
///
/// A request holding exactly the blocks its `computed` tokens need (`b = ⌈computed / blockSize⌉`) needs a new
/// block at stretch step `b × blockSize − computed + 1`, a number from 1 to `blockSize`, and every
/// `blockSize` steps after; so the blocks a step needs are the count of requests in that step's phase.
struct SteadyDecode {
    let blockSize: Int
    var active = false
    /// Steps completed since the stretch began.
    var steps = 0
    /// The running requests' computed tokens, summed, at the start of the next step.
    var computedSum = 0
    /// Running requests by the phase (stretch step modulo the block size) at which they need a block.
    var blockPhase: [Int]
    /// `finishing step << 32 | request`, in no order: requests finish rarely next to how often steps end, so
    /// the list is scanned when `nextFinish` comes rather than kept sorted.
    var finishing: [Int64] = []
    /// The earliest step in `finishing`.
    var nextFinish = Int.max
    /// Every completed step's GPU seconds per token, summed: what each request's GPU time has grown by.
    var secondsPerToken = 0.0

    init(blockSize: Int) {
        self.blockSize = blockSize
        blockPhase = [Int](repeating: 0, count: blockSize)
    }

    /// The stretch step at which a request that began it with `computed` tokens in `blocks` blocks first
    /// needs another block.
    func firstBlockStep(computed: Int32, blocks: Int32) -> Int {
        Int(blocks) * blockSize - Int(computed) + 1
    }

    /// The blocks such a request has added after `steps` stretch steps.
    func blocksAdded(after steps: Int, firstBlockStep first: Int) -> Int {
        steps >= first ? (steps - first) / blockSize + 1 : 0
    }

    /// Starts a stretch; `add` is then called for each running request.
    mutating func begin() {
        active = true
        steps = 0
        computedSum = 0
        secondsPerToken = 0
        finishing.removeAll(keepingCapacity: true)
        nextFinish = Int.max
        for phase in 0..<blockSize { blockPhase[phase] = 0 }
    }

    mutating func add(_ request: Int32, computed: Int32, blocks: Int32, stepsToFinish: Int32) {
        computedSum += Int(computed)
        blockPhase[firstBlockStep(computed: computed, blocks: blocks) % blockSize] += 1
        finishing.append(Int64(stepsToFinish) << 32 | Int64(request))
        nextFinish = min(nextFinish, Int(stepsToFinish))
    }

    /// The blocks the next step needs.
    var blocksNeeded: Int { blocksNeeded(afterSteps: 0) }

    /// The blocks the step after `more` further steps needs (0: the next step).
    func blocksNeeded(afterSteps more: Int) -> Int { blockPhase[(steps + more + 1) % blockSize] }

    /// Moves the requests that finish at the step just completed out of `finishing`, into `finished`.
    mutating func takeFinished(into finished: inout [Int32]) {
        finished.removeAll(keepingCapacity: true)
        guard nextFinish == steps else { return }
        var earliest = Int.max
        var kept = 0
        for k in finishing.indices {
            let entry = finishing[k]
            let step = Int(entry >> 32)
            if step == steps {
                finished.append(Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF))
            } else {
                finishing[kept] = entry
                kept += 1
                earliest = min(earliest, step)
            }
        }
        finishing.removeLast(finishing.count - kept)
        nextFinish = earliest
    }

    /// Takes a finished request's counts out of the aggregates.
    mutating func remove(computed: Int32, blocks: Int32) {
        blockPhase[firstBlockStep(computed: computed, blocks: blocks) % blockSize] -= 1
        computedSum -= Int(computed) + steps
    }
}
