// The fuzz build (`run.sh`) enables testing, for the reader's internal chunk count; a plain release build does not.
#if COSTGATE_FUZZING
@testable import CostGate
#else
import CostGate
#endif
import Foundation

/// One input surface under the fuzzer. Every target feeds bytes to public entry points and fails (traps)
/// only on a broken invariant: an input error must be a `CostGateError`, and any output must be sane.
enum FuzzTarget: String, CaseIterable {
    /// The JSON Lines traffic reader: scanner, number and timestamp parsers, tags, hashes.
    case jsonl
    /// The CSV traffic reader, header included.
    case csv
    /// The named sources (`litellm`, `langfuse`, `helicone`, `otlp`): the input's first byte picks the format,
    /// the rest is the log.
    case sources
    /// The timestamp and number parsers through one record: the input's first line is the timestamp,
    /// the rest the input token count.
    case fields
    /// The plan's JSON parser and strict plan reader.
    case plan
    /// The BPE tokenizers on arbitrary text.
    case tokenizer
    /// The whole `check` pipeline: a plan and traffic (separated by a NUL byte) through every report format.
    case pipeline
    /// The other commands on a plan and traffic (`whatif`, `breakdown`, `validate`, `sample`, `rightsize`): the
    /// input's first byte picks the command and its options, the rest is as for `pipeline` (`Commands`).
    case commands
    /// The gzip inflater on arbitrary bytes, and a gzip JSON Lines file read directly against the same file
    /// read after inflating it: both must give the same records or the same error.
    case gzip
    /// The block reader of `costgate sample` (`TrafficReader.readBlocks`) against the whole-file read: the input's
    /// first byte picks the format and a block of 1 to 249 bytes, the rest is the log (gzip or not); both reads must
    /// give the same records, the same skipped count, or the same error.
    case blocks
    /// The benchmark result readers of `costgate calibrate` (`vllm bench serve`, GuideLLM, AIPerf, GenAI-Perf): a
    /// run read must give the simulator as many requests as it completed, each at a finite time with a token or
    /// more each way, and latencies that are finite.
    case benchmark

    nonisolated(unsafe) static var selected = FuzzTarget.jsonl

    /// Both tokenizers, loaded once by `prepare()`: their rank files do not depend on the input.
    nonisolated(unsafe) private static var tokenizers: [BPETokenizer] = []

    /// Loads what every input of this target shares, before the first input: the rank files, and the bundled
    /// price catalog that `check` reads, so that the first input is not charged for them.
    func prepare() {
        switch self {
        case .tokenizer:
            FuzzTarget.tokenizers = TokenEncoding.allCases.map { encoding in
                guard let tokenizer = try? BPETokenizer.shared(encoding) else { fatalError("rank file missing") }
                return tokenizer
            }
        case .pipeline, .commands:
            _ = PriceCatalog.standard
        default:
            break
        }
    }

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        let data = Data(input)
        switch self {
        case .jsonl: readTraffic(data, format: .jsonl)
        case .csv: readTraffic(data, format: .csv)
        case .sources:
            guard let first = data.first else { return }
            let formats: [TrafficSpec.Format] = [.litellm, .langfuse, .helicone, .otlp, .openaiUsage, .anthropicUsage]
            readTraffic(data.dropFirst(), format: formats[Int(first) % formats.count])
        case .fields:
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let line = #"{"timestamp": \#(parts[0]), "input_tokens": \#(parts.count > 1 ? parts[1] : "1"), "output_tokens": 1}"#
            readTraffic(Data(line.utf8), format: .jsonl)
        case .plan:
            guard let json = try? JSONParser.parse([UInt8](data), file: "fuzz.json") else { return }
            _ = try? PlanParser.parse(json, file: "fuzz.json")
        case .tokenizer:
            let text = String(decoding: data, as: UTF8.self)
            for tokenizer in FuzzTarget.tokenizers {
                let tokens = tokenizer.encode(text)
                if tokens.count != tokenizer.count(text) { fatalError("count and encode disagree") }
                if text.utf8.count > 0 && tokens.isEmpty { fatalError("non-empty text without tokens") }
            }
        case .pipeline:
            Pipeline.run(data)
        case .commands:
            Commands.run(data)
        case .gzip:
            readGzip(data)
        case .blocks:
            readBlocks(data)
        case .benchmark:
            readBenchmark(data)
        }
    }

    private func readBenchmark(_ data: Data) {
        guard let json = try? JSONParser.parse([UInt8](data), file: "fuzz.json"),
              let runs = try? BenchmarkRun.runs(in: json, file: "fuzz.json") else { return }
        for run in runs {
            let requests = run.requests()
            if requests.count != run.completed { fatalError("\(requests.count) requests for \(run.completed) completed") }
            for request in requests where !(request.arrival.isFinite && request.arrival >= 0) || request.inputTokens < 1 || request.outputTokens < 1 {
                fatalError("a request at \(request.arrival) s with \(request.inputTokens) / \(request.outputTokens) tokens")
            }
            for latency in [run.ttftMs, run.tpotMs, run.e2eMs].compactMap({ $0 }) where !(latency.isFinite && latency >= 0) {
                fatalError("a latency of \(latency) ms")
            }
        }
    }

    private func readGzip(_ data: Data) {
        // One name for both reads (gzip is known by its magic bytes), so that their errors compare.
        let spec = TrafficSpec(path: "fuzz.jsonl", format: .jsonl)
        func read(_ bytes: Data) -> Result<[TrafficRecord], CostGateError> {
            Result { () throws(CostGateError) in
                try TrafficReader.read(bytes, spec: spec, file: "fuzz.jsonl", skipBadRecords: true).records
            }
        }
        let inflated: Data
        do {
            inflated = try Gzip.decompress(data, file: "fuzz.jsonl.gz")
        } catch {
            if error.description.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                fatalError("a control character reached an error message")
            }
            if case .success = read(data), Gzip.isGzip(data) { fatalError("a gzip file that does not inflate was read") }
            return
        }
        // The streaming inflate (`costgate sample`) hands over the same bytes, whatever share the reader takes.
        var streamed: [UInt8] = []
        let share = Int(data.last ?? 0) % 4
        do throws(CostGateError) {
            try Gzip.stream(data, file: "fuzz.jsonl.gz") { (base, range, isComplete) throws(CostGateError) -> Int in
                let taken = isComplete ? range.count : range.count * share / 3
                streamed.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: taken))
                return taken
            }
        } catch {
            fatalError("the stream fails where decompress succeeds: \(error)")
        }
        if streamed != [UInt8](inflated) { fatalError("the stream and decompress give different bytes") }
        // A gzip file inside a gzip file is read once by either path; the comparison would be between layers.
        guard !Gzip.isGzip(inflated) else { return }
        switch (read(data), read(inflated)) {
        case (.success(let direct), .success(let plain)):
            guard direct.count == plain.count else { fatalError("gzip read: \(direct.count) records, inflated: \(plain.count)") }
            for (a, b) in zip(direct, plain) where a.timestamp.bitPattern != b.timestamp.bitPattern
                || a.inputTokens != b.inputTokens || a.outputTokens != b.outputTokens || a.tagSet != b.tagSet {
                fatalError("a record differs between the gzip read and the read of its inflated bytes")
            }
        case (.failure(let direct), .failure(let plain)):
            if direct.description != plain.description { fatalError("different errors: \(direct) / \(plain)") }
        default:
            fatalError("the gzip read and the read of its inflated bytes disagree on success")
        }
    }

    /// Reads the log whole, then split into 2 to 8 chunks (the input's last byte picks how many), as a file of
    /// more than 2 MiB is split and its chunks merged in parallel: both reads must give the same records and tables,
    /// or the same error.
    private func readTraffic(_ data: Data, format: TrafficSpec.Format) {
        let spec = TrafficSpec(path: "fuzz", format: format)
        for skip in [false, true] {
            let whole = Result { () throws(CostGateError) in
                try TrafficReader.read(data, spec: spec, file: "fuzz", skipBadRecords: skip)
            }
            switch whole {
            case .success(let traffic):
                for record in traffic.records where !record.timestamp.isFinite || record.inputTokens < 0 {
                    fatalError("a record with a non-finite timestamp or negative tokens was accepted")
                }
                // A key given twice is an input error, so no record is tagged twice with one key.
                for set in traffic.tagSets where Set(set.map(\.key)).count != set.count {
                    fatalError("a tag set names a key twice")
                }
            case .failure(let error):
                if error.description.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                    fatalError("a control character reached an error message")
                }
            }
            #if COSTGATE_FUZZING
            // A gzip log is inflated as a stream, not split into chunks (the `gzip` target compares it).
            guard !Gzip.isGzip(data) else { continue }
            let chunkCount = 2 + Int(data.last ?? 0) % 7
            let chunked = Result { () throws(CostGateError) in
                try TrafficReader.read(TrafficReader.decompressed(data, file: "fuzz"), spec: spec, file: "fuzz", skipBadRecords: skip,
                                       chunkCount: chunkCount)
            }
            switch (whole, chunked) {
            case (.success(let a), .success(let b)):
                if Self.describe(a) != Self.describe(b) {
                    fatalError("the read in \(chunkCount) chunks differs from the whole read (skip \(skip))")
                }
            case (.failure(let a), .failure(let b)):
                if a.description != b.description { fatalError("different errors in \(chunkCount) chunks: \(a) / \(b)") }
            default:
                fatalError("the read in \(chunkCount) chunks and the whole read disagree on success (skip \(skip))")
            }
            #endif
        }
    }

    #if COSTGATE_FUZZING
    /// Everything a read yields, ids included: the reader promises the same ids whatever the number of chunks.
    private static func describe(_ traffic: Traffic) -> [String] {
        var lines = traffic.records.map { record in
            let doubles = [record.timestamp, record.latencyMs, record.ttftMs, record.quality, record.weight, record.billedCostUSD]
            let integers = [record.inputTokens, record.cachedInputTokens, record.cacheWriteInputTokens, record.cacheWrite1hInputTokens,
                            record.outputTokens, record.reasoningTokens, record.prefixTokens]
            let ids = [record.model, record.route, record.tagSet, record.prefixID, record.hashStart, record.hashCount, record.promptHash]
            let codes = [record.serviceTierCode, record.isError ? 1 : 0, record.contextWindowCode, record.cacheHitCode, record.outcomeCode]
            return "\(doubles.map(\.bitPattern)) \(integers) \(ids) \(codes)"
        }
        lines.append("strings \(traffic.strings.strings)")
        lines.append("tag sets \(traffic.tagSets.map { $0.map { [$0.key, $0.value] } })")
        lines.append("hashes \(traffic.hashPool)")
        lines.append("skipped \(traffic.skipped) rows \(traffic.aggregateRows) \(traffic.aggregateRowsWithoutCount) "
            + "window \(String(describing: traffic.coveredInterval)) modality \(traffic.aggregateModalityTokens)")
        return lines
    }
    #endif

    private func readBlocks(_ data: Data) {
        guard let first = data.first else { return }
        let formats: [TrafficSpec.Format] = [.jsonl, .csv, .litellm, .otlp, .openaiUsage, .anthropicUsage]
        let spec = TrafficSpec(path: "fuzz", format: formats[Int(first) % formats.count])
        let blockBytes = 1 + Int(first >> 3) * 8
        let log = Data(data.dropFirst())
        func describe(_ traffic: Traffic) -> [String] {
            traffic.records.map { record in
                // Sorted by name: a tag set is ordered by string id, and each block numbers its own strings.
                let tags = traffic.tagSets[Int(record.tagSet)].map { traffic.strings[$0.key] + "=" + traffic.strings[$0.value] }.sorted()
                return "\(record.timestamp.bitPattern) \(traffic.strings[record.model]) \(traffic.strings[record.route]) "
                    + "\(record.inputTokens) \(record.cachedInputTokens) \(record.outputTokens) \(record.weight.bitPattern) \(tags)"
            }
        }
        for skip in [false, true] {
            var whole: Result<([String], Int), CostGateError>
            do throws(CostGateError) {
                let traffic = try TrafficReader.read(log, spec: spec, file: "fuzz", skipBadRecords: skip)
                whole = .success((describe(traffic), traffic.skipped.count))
            } catch {
                whole = .failure(error)
            }
            var records: [String] = []
            var skipped = 0
            var blocks: Result<([String], Int), CostGateError>
            do throws(CostGateError) {
                try TrafficReader.readBlocks(log, spec: spec, file: "fuzz", skipBadRecords: skip, blockBytes: blockBytes) { block in
                    records += describe(block)
                    skipped += block.skipped.count
                }
                blocks = .success((records, skipped))
            } catch {
                blocks = .failure(error)
            }
            switch (whole, blocks) {
            case (.success(let a), .success(let b)):
                if a.0 != b.0 || a.1 != b.1 { fatalError("the block read differs from the whole read (skip \(skip))") }
            case (.failure(let a), .failure(let b)):
                if a.description != b.description { fatalError("different errors: \(a) / \(b)") }
            case (.failure(let a), .success(let b)):
                // An empty log is the caller's error in a block read.
                guard b.0.isEmpty, case .io(_, let reason) = a, reason.hasPrefix("no readable records") else {
                    fatalError("the whole read fails (\(a)) where the block read succeeds")
                }
            case (.success, .failure(let b)):
                fatalError("the block read fails (\(b)) where the whole read succeeds")
            }
        }
    }
}
