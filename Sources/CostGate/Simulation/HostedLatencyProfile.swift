/// Latency of a hosted API model: time to first token plus output tokens at a steady output speed.
///
/// Built-in profiles are public medians with date and source (most from Artificial Analysis pages, via
/// `../shared/groundtruth/hosted_api_latency_web_snapshots.csv` and the 2024 benchmark CSVs); hosted-API numbers
/// include the network. `calibrated(from:)` refits a profile on a sample's own recorded latencies.
public struct HostedLatencyProfile: Sendable, Equatable {
    /// Model id (`openai/gpt-4o`).
    public var model: String
    /// Median time to first token, ms.
    public var ttftMs: Double
    /// Median output speed after the first token, tokens/s.
    public var outputTokensPerSecond: Double
    /// When the figures were measured or captured.
    public var date: String
    /// Where they come from (or "calibrated from N samples").
    public var source: String

    /// Creates a profile.
    public init(model: String, ttftMs: Double, outputTokensPerSecond: Double, date: String, source: String) {
        self.model = model
        self.ttftMs = ttftMs
        self.outputTokensPerSecond = outputTokensPerSecond
        self.date = date
        self.source = source
    }

    /// End-to-end latency in ms for a response of `outputTokens` tokens: TTFT + output / speed.
    public func latencyMs(outputTokens: Int) -> Double {
        ttftMs + Double(max(0, outputTokens)) / outputTokensPerSecond * 1000
    }

    /// Time per output token after the first, ms.
    public var tpotMs: Double { 1000 / outputTokensPerSecond }

    /// One recorded call, for calibration.
    public struct Sample: Sendable, Equatable {
        /// Output tokens of the response.
        public var outputTokens: Int
        /// Recorded end-to-end latency, ms.
        public var latencyMs: Double
        /// Recorded time to first token, ms, when the record has one.
        public var ttftMs: Double?

        /// Creates a sample.
        public init(outputTokens: Int, latencyMs: Double, ttftMs: Double? = nil) {
            self.outputTokens = outputTokens
            self.latencyMs = latencyMs
            self.ttftMs = ttftMs
        }
    }

    /// A profile refitted on recorded calls, robustly (medians), keeping this profile where data is missing.
    ///
    /// With at least 3 samples that carry `ttftMs`: TTFT is their median and the speed the median of
    /// (output − 1) / (latency − TTFT) over samples with 2+ output tokens. With latencies only: the speed comes
    /// from the Theil–Sen slope of latency over output tokens (median of pairwise slopes, on at most 400
    /// evenly spaced samples) and TTFT from the median intercept. Fewer than 3 usable samples: unchanged.
    public func calibrated(from samples: [Sample]) -> HostedLatencyProfile {
        let usable = samples.filter { $0.latencyMs.isFinite && $0.latencyMs > 0 && $0.outputTokens > 0 }
        var result = self
        let withTTFT = usable.filter { ($0.ttftMs ?? -1) >= 0 && $0.ttftMs! <= $0.latencyMs }
        if withTTFT.count >= 3 {
            result.ttftMs = Self.median(withTTFT.map { $0.ttftMs! })
            let speeds = withTTFT.compactMap { s -> Double? in
                let decode = s.latencyMs - s.ttftMs!
                guard s.outputTokens > 1, decode > 0 else { return nil }
                return Double(s.outputTokens - 1) / decode * 1000
            }
            if speeds.count >= 3 { result.outputTokensPerSecond = Self.median(speeds) }
            result.source = "calibrated from \(withTTFT.count) recorded samples (TTFT and latency); prior: \(source)"
            return result
        }
        guard usable.count >= 3 else { return self }
        let stride = max(1, usable.count / 400)
        let picked = Swift.stride(from: 0, to: usable.count, by: stride).map { usable[$0] }
        var slopes: [Double] = []
        for i in picked.indices {
            for j in picked.indices where j > i && picked[j].outputTokens != picked[i].outputTokens {
                slopes.append((picked[j].latencyMs - picked[i].latencyMs)
                              / Double(picked[j].outputTokens - picked[i].outputTokens))
            }
        }
        guard !slopes.isEmpty else { return self }
        let slope = Self.median(slopes)
        guard slope > 0 else { return self }
        result.outputTokensPerSecond = 1000 / slope
        result.ttftMs = max(0, Self.median(usable.map { $0.latencyMs - slope * Double($0.outputTokens) }))
        result.source = "calibrated from \(usable.count) recorded latencies (Theil–Sen); prior: \(source)"
        return result
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    private static let aa = "Artificial Analysis median"
    private static let snapshots = "groundtruth/hosted_api_latency_web_snapshots.csv"

    /// Built-in profiles, by model id.
    public static let catalog: [HostedLatencyProfile] = [
        HostedLatencyProfile(model: "openai/gpt-4o", ttftMs: 450, outputTokensPerSecond: 131, date: "2026-06-24",
                             source: aa + " as quoted by induwara.lk/tools/ai-llm-speed-comparison (" + snapshots + ")"),
        HostedLatencyProfile(model: "openai/gpt-4o-mini", ttftMs: 460, outputTokensPerSecond: 56.6, date: "2024-07 / 2025",
                             source: "TTFT: krabarena.org OpenRouter warm p50 (adjusted); speed: coder543/llm-speed-benchmark p50, Jul 2024"),
        HostedLatencyProfile(model: "openai/gpt-4.1", ttftMs: 520, outputTokensPerSecond: 89, date: "2025",
                             source: aa + " as quoted by shadabchow.com (" + snapshots + ")"),
        HostedLatencyProfile(model: "openai/gpt-4.1-mini", ttftMs: 930, outputTokensPerSecond: 77.2, date: "2025-08",
                             source: aa + " P50, OpenAI provider, 10k-input workload (" + snapshots + ")"),
        HostedLatencyProfile(model: "openai/gpt-4.1-nano", ttftMs: 176, outputTokensPerSecond: 150, date: "2026",
                             source: "TTFT: minimum over repeats, prompt under 1 KB, network excluded, so a lower bound (blog.0xmmo.co, " + snapshots + "); speed: ESTIMATE, no published figure in groundtruth"),
        HostedLatencyProfile(model: "openai/gpt-5", ttftMs: 890, outputTokensPerSecond: 80, date: "2025-11",
                             source: aa + " P50, minimal reasoning, OpenAI provider (" + snapshots + ")"),
        HostedLatencyProfile(model: "anthropic/claude-sonnet-4.5", ttftMs: 1800, outputTokensPerSecond: 63, date: "2025-11-24",
                             source: aa + " as quoted by lattice.uptownhr.com (" + snapshots + ")"),
        HostedLatencyProfile(model: "anthropic/claude-sonnet-4.6", ttftMs: 740, outputTokensPerSecond: 104, date: "2026-06-24",
                             source: aa + " as quoted by induwara.lk (" + snapshots + ")"),
        HostedLatencyProfile(model: "anthropic/claude-haiku-4.5", ttftMs: 597, outputTokensPerSecond: 100, date: "2026-03",
                             source: "TTFT: ~200-token prompt, n=3 (" + snapshots + "); speed: ESTIMATE, no published figure in groundtruth"),
        HostedLatencyProfile(model: "anthropic/claude-3.5-sonnet", ttftMs: 810, outputTokensPerSecond: 64, date: "2024-25",
                             source: aa + ", Anthropic provider, snapshot A (" + snapshots + ")"),
        HostedLatencyProfile(model: "anthropic/claude-3.5-haiku", ttftMs: 810, outputTokensPerSecond: 68, date: "2024-25",
                             source: aa + ", Anthropic speed / Bedrock TTFT, snapshot A (" + snapshots + ")"),
        HostedLatencyProfile(model: "google/gemini-2.5-flash", ttftMs: 492, outputTokensPerSecond: 204.5, date: "2026-03 / 2026-04-03",
                             source: "TTFT: modelstats.ai monitoring average; speed: thinking disabled, n=3 (" + snapshots + ")"),
        HostedLatencyProfile(model: "google/gemini-1.5-flash", ttftMs: 410, outputTokensPerSecond: 192, date: "2024",
                             source: aa + ", Google AI Studio, snapshot A (" + snapshots + ")"),
        HostedLatencyProfile(model: "google/gemini-1.5-pro", ttftMs: 620, outputTokensPerSecond: 51.0, date: "2024-07",
                             source: "coder543/llm-speed-benchmark p50 (groundtruth/coder543_llm_speed_benchmark_hosted_api_2024.csv)"),
        HostedLatencyProfile(model: "google/gemini-3-flash", ttftMs: 500, outputTokensPerSecond: 200, date: "2026-06-24",
                             source: aa + " as quoted by induwara.lk (" + snapshots + ")"),
    ]

    /// The built-in profile for a catalog id, spelled as `ModelID` allows (case, dots or dashes), if any.
    public static func profile(_ model: String) -> HostedLatencyProfile? {
        let wanted = ModelID(model).canonical
        return catalog.first { ModelID($0.model).canonical == wanted }
    }
}
