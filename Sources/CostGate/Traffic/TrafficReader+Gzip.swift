import Foundation
import Dispatch
import Synchronization

/// Reading a gzip file while it inflates.
extension TrafficReader {
    /// Reads gzip `data`. A file read line by line (JSON Lines and the sources that log them) is parsed while it
    /// inflates: whenever at least `chunkBytes` of whole lines are decoded, they go to a parse task on another
    /// thread, so inflating (one thread) and parsing overlap. Chunks are cut at deflate block boundaries, a
    /// function of the file alone, and merged in file order, so the result is the same as `read(_:spec:file:...)`
    /// on the decompressed bytes, whatever the thread count. A bad gzip stream is reported before any record.
    /// Other formats (CSV, usage reports), and files too small for a second chunk, are inflated and then read.
    static func readGzip(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool,
                         allowEmpty: Bool) throws(CostGateError) -> Traffic {
        let layout = FieldLayout(spec: spec)
        let slots = ChunkSlots()
        // Parse threads of their own, started with the first chunk: tasks queued to Dispatch from this thread were
        // seen to wait until the inflate was over (a profile showed no parsing while it ran).
        let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        let ready = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var workersStarted = false
        var lineSplit: Bool? = spec.format == .jsonl || spec.format == .otlp ? true
            : (spec.format == .litellm || spec.format == .langfuse || spec.format == .helicone) ? nil : false
        var cut = -1 // the start of the next chunk; -1 until the first bytes are seen
        var chunkCount = 0
        func dispatch(_ buffer: UnsafePointer<UInt8>, _ range: Range<Int>) {
            slots.enqueue(Pending(slot: chunkCount, buffer: buffer, range: range))
            chunkCount += 1
            if !workersStarted {
                workersStarted = true
                for _ in 0..<workerCount {
                    Thread {
                        // Each wake-up drains the queue; the wake-up after `close` ends the thread.
                        while true {
                            ready.wait()
                            while slots.parseNext(layout: layout, skipBadRecords: skipBadRecords) {}
                            if slots.isClosed { break }
                        }
                        finished.signal()
                    }.start()
                }
            }
            ready.signal()
        }
        let result: Result<Data, Inflater.Failure> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .success(Data()) }
            do throws(Inflater.Failure) {
                return .success(try Gzip.decompress(base, count: raw.count, progress: { buffer, length, isComplete in
                    if cut < 0 {
                        // The first bytes: skip a byte-order mark, and tell JSON Lines from CSV as `read` does.
                        guard length >= 3 || isComplete else { return }
                        let start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
                        if lineSplit == nil {
                            var first = start
                            while first < length, buffer[first] == 0x20 || buffer[first] == 0x09 || buffer[first] == 0x0D || buffer[first] == 0x0A { first += 1 }
                            guard first < length else {
                                if isComplete { lineSplit = false }
                                return
                            }
                            lineSplit = buffer[first] == UInt8(ascii: "{")
                        }
                        cut = start
                    }
                    guard lineSplit == true else { return }
                    if isComplete {
                        // The rest; a small file never split is read as before.
                        if chunkCount > 0 && cut < length { dispatch(buffer, cut..<length) }
                        return
                    }
                    guard length - cut >= chunkBytes else { return }
                    var upper = length
                    while upper > cut && buffer[upper - 1] != 0x0A { upper -= 1 }
                    guard upper > cut else { return }
                    dispatch(buffer, cut..<upper)
                    cut = upper
                }, settle: {
                    // This thread parses what is still queued, then waits for the chunks the workers are parsing.
                    guard workersStarted else { return }
                    slots.close()
                    for _ in 0..<workerCount { ready.signal() }
                    while slots.parseNext(layout: layout, skipBadRecords: skipBadRecords) {}
                    for _ in 0..<workerCount { finished.wait() }
                }))
            } catch {
                return .failure(error)
            }
        }
        let decoded: Data
        switch result {
        case .success(let bytes): decoded = bytes
        case .failure(let failure):
            throw .io(path: file, reason: "is not valid gzip data: \(failure.reason) (at byte \(failure.offset))")
        }
        guard chunkCount > 0 else {
            return try read(decoded, spec: spec, file: file, skipBadRecords: skipBadRecords, chunkCount: nil, allowEmpty: allowEmpty)
        }
        var chunks = slots.take(count: chunkCount)
        return try merge(&chunks, file: file, skipBadRecords: skipBadRecords, allowEmpty: allowEmpty)
    }

    /// A chunk of decoded lines waiting to be parsed.
    private struct Pending: @unchecked Sendable {
        var slot: Int
        /// The decoded buffer; it outlives every parse (`Gzip`'s `settle` waits for them).
        var buffer: UnsafePointer<UInt8>
        var range: Range<Int>
    }

    /// The chunks of a pipelined read: queued in file order, parsed by whichever thread comes first, stored by index.
    private final class ChunkSlots: Sendable {
        private let queue = Mutex<(pending: [Pending], next: Int, closed: Bool)>(([], 0, false))
        private let chunks = Mutex<[Int: TrafficChunk]>([:])

        func enqueue(_ pending: Pending) {
            queue.withLock { $0.pending.append(pending) }
        }

        /// Marks that no chunk will be queued any more.
        func close() {
            queue.withLock { $0.closed = true }
        }

        var isClosed: Bool { queue.withLock { $0.closed } }

        /// Parses the first chunk not yet taken; false when none is left.
        @discardableResult
        func parseNext(layout: FieldLayout, skipBadRecords: Bool) -> Bool {
            let taken: Pending? = queue.withLock { state in
                guard state.next < state.pending.count else { return nil }
                state.next += 1
                return state.pending[state.next - 1]
            }
            guard let taken else { return false }
            let chunk = JSONLinesReader.parseChunk(taken.buffer, from: taken.range.lowerBound, to: taken.range.upperBound,
                                                   layout: layout, skipBadRecords: skipBadRecords)
            Self.discard(taken.buffer, taken.range)
            chunks.withLock { $0[taken.slot] = chunk }
            return true
        }

        /// Hands back the pages of a parsed chunk of the inflated bytes: nothing reads them again (the CRC-32 was
        /// taken as they were decoded, and the inflated `Data` is read only when no chunk was handed out), except the
        /// last 32 KiB before the decoder's position, which a back-reference may copy; the decoder is past the chunk's
        /// end, so keeping its last 64 KiB keeps those. (Dropped anonymous pages read back as zeros.)
        private static func discard(_ buffer: UnsafePointer<UInt8>, _ range: Range<Int>) {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = Int(bitPattern: buffer) + range.lowerBound
            let end = Int(bitPattern: buffer) + range.upperBound - (1 << 16)
            let first = (start + page - 1) / page * page
            let last = end / page * page
            guard last > first else { return }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
        }

        /// The chunks in slot order (every task has finished).
        func take(count: Int) -> [TrafficChunk] {
            chunks.withLock { stored in (0..<count).map { stored.removeValue(forKey: $0) ?? TrafficChunk() } }
        }
    }
}
