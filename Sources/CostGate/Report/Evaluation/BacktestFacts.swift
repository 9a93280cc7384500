/// The backtest table every evaluation report shows when the base side's self-hosted records measured latency.
enum BacktestFacts {
    static let header = ["Deployment", "Records", "Coefficients", "TTFT ms", "TPOT ms", "E2E ms"]

    /// One row per deployment: each metric as `measured → predicted (error)`; names unescaped (the renderer escapes).
    static func rows(_ backtests: [Backtest]) -> [[String]] {
        backtests.map { backtest in
            let errors = backtest.errors
            func cell(_ measured: Double?, _ predicted: Double?, _ error: Double?) -> String {
                guard let measured, let predicted else { return "n/a" }
                let digits: (Double) -> String = { $0 < 20 ? Format.fixed($0, digits: 1) : Format.milliseconds($0) }
                return "\(digits(measured)) → \(digits(predicted))" + (error.map { " (\(Format.percentChange($0 * 100)))" } ?? "")
            }
            return [backtest.deployment, Format.count(Double(backtest.records)), backtest.coefficients,
                    cell(backtest.measured.ttft, backtest.predicted.ttft, errors.ttft),
                    cell(backtest.measured.tpot, backtest.predicted.tpot, errors.tpot),
                    cell(backtest.measured.e2e, backtest.predicted.e2e, errors.e2e)]
        }
    }
}
