import CostGate
import Foundation

/// The `commands` fuzz target: the commands other than `check` (`whatif`, `breakdown`, `validate`, `sample`,
/// `rightsize`), and `check` and `whatif` with a `--set` patch, on a plan and traffic as `pipeline` takes them,
/// behind one byte: its low bits pick the command and its options, its high bit adds `--skip-bad-records`. For a
/// run with a patch, the bytes up to the first line break are the patch (`KEY=VALUE`). Each command runs through
/// the command line, in the same scratch repository as `pipeline`, and its output is held to what a user or a
/// later tool relies on.
enum Commands {
    /// What a command's output must be.
    enum Output {
        /// A JSON document.
        case json
        /// Non-empty text (Markdown, HTML, plain text).
        case text
        /// CSV whose rows all have the header's number of fields.
        case csv
        /// A JSON summary on stdout, and the sample file it names, which `costgate` must read back.
        case sample
    }

    /// The sample that `sample` writes, in the scratch repository.
    static let samplePath = Pipeline.folder + "/sample.jsonl"

    /// The runs the selector byte picks from.
    static let runs: [(arguments: [String], output: Output)] = [
        (["whatif", "--format", "json"], .json),
        (["whatif", "--format", "markdown", "--set", "routes.chat.model=openai/gpt-4o-mini"], .text),
        (["whatif", "--format", "html"], .text),
        (["whatif", "--format", "text", "--set", "forecast.days=7"], .text),
        (["breakdown", "--by", "route", "--by", "model", "--by", "team", "--top", "0", "--format", "json"], .json),
        (["breakdown", "--by", "customer", "--format", "csv"], .csv),
        (["breakdown", "--format", "focus"], .csv),
        (["breakdown", "--by", "feature", "--format", "markdown"], .text),
        (["validate", "--format", "json"], .json),
        (["sample", "--rate", "0.5", "--by", "route", "--by", "team", "--output", samplePath, "--format", "json"], .sample),
        (["sample", "--rate", "0.05", "--seed", "7", "--output", samplePath, "--format", "json"], .sample),
        (["rightsize", "--plan", "costgate.json", "--route", "chat", "--slo", "ttft_p95_ms=2000", "--gpus", "L4",
          "--tp", "1", "--max-replicas", "2", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--format", "json"], .json),
        (["whatif", "--format", "json", "--set", patchMark], .json),
        (["check", "--format", "markdown", "--set", patchMark], .text),
    ]

    /// Stands in `runs` for the patch the input gives.
    static let patchMark = "<patch>"

    static func run(_ data: Data) {
        guard let selector = data.first else { return }
        var (arguments, output) = runs[Int(selector & 0x7F) % runs.count]
        if selector & 0x80 != 0 && arguments[0] != "rightsize" { arguments.append("--skip-bad-records") }
        var rest = data.dropFirst()
        if let mark = arguments.firstIndex(of: patchMark) {
            let line = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            arguments[mark] = String(decoding: rest[..<line], as: UTF8.self)
            rest = line < rest.endIndex ? rest[(line + 1)...] : rest[line...]
        }
        Pipeline.writeInputs(rest)
        unlink(samplePath)

        let out = Buffer()
        let err = Buffer()
        let context = CommandContext(environment: ["CI": "true"], currentDirectory: Pipeline.folder,
                                     stdout: { out.append($0) }, stderr: { err.append($0) })
        let status = CLI.run(arguments, context: context)
        let text = out.text
        let name = arguments[0]
        if err.text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
            fatalError("\(name): a control character in a message")
        }
        guard status != .badInput else {
            if !text.isEmpty { fatalError("\(name): exit 2 with output written") }
            if FileManager.default.fileExists(atPath: samplePath) { fatalError("\(name): exit 2 with a sample written") }
            return
        }
        if text.isEmpty { fatalError("\(name): exit \(status.rawValue) with no output") }
        switch output {
        case .text:
            break
        case .json:
            if (try? JSONSerialization.jsonObject(with: Data(text.utf8))) == nil { fatalError("\(name): the JSON does not parse") }
        case .csv:
            checkCSV(text, name: name)
        case .sample:
            checkSample(summary: text)
        }
    }

    /// Every row of `text` has the header's number of fields (RFC 4180: quoted fields may hold commas, quotes
    /// doubled, and line breaks).
    private static func checkCSV(_ text: String, name: String) {
        var rows: [Int] = []
        var fields = 1
        var quoted = false
        for byte in text.utf8 {
            if quoted {
                // A doubled quote closes and reopens: the field count is the same either way.
                if byte == UInt8(ascii: "\"") { quoted = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    quoted = true
                case UInt8(ascii: ","):
                    fields += 1
                case UInt8(ascii: "\n"):
                    rows.append(fields)
                    fields = 1
                case UInt8(ascii: "\r"):
                    fatalError("\(name): a carriage return outside quotes in CSV")
                default:
                    break
                }
            }
        }
        if quoted { fatalError("\(name): an unterminated quote in CSV") }
        if fields > 1 { rows.append(fields) }
        guard let header = rows.first else { fatalError("\(name): CSV without a header") }
        if let row = rows.firstIndex(where: { $0 != header }) {
            fatalError("\(name): CSV row \(row + 1) has \(rows[row]) fields, the header \(header)")
        }
    }

    /// The summary parses, and the sample it wrote reads back as canonical JSON Lines with as many records as it
    /// says it kept.
    private static func checkSample(summary: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(summary.utf8))) as? [String: Any],
              let kept = object["kept"] as? Int else {
            fatalError("sample: the summary does not parse or names no kept count")
        }
        guard let bytes = FileManager.default.contents(atPath: samplePath) else { fatalError("sample: no sample written") }
        guard kept > 0 else {
            if !bytes.isEmpty { fatalError("sample: none kept, yet the sample holds \(bytes.count) bytes") }
            return
        }
        let traffic: Traffic
        do {
            traffic = try TrafficReader.read(bytes, spec: TrafficSpec(path: "sample.jsonl", format: .jsonl), file: "sample.jsonl",
                                             skipBadRecords: false)
        } catch {
            fatalError("sample: the sample it wrote does not read back: \(error)")
        }
        if traffic.records.count != kept { fatalError("sample: \(traffic.records.count) records read back, \(kept) kept") }
        for record in traffic.records where !(record.weight.isFinite && record.weight > 0) {
            fatalError("sample: a record with weight \(record.weight)")
        }
    }
}
