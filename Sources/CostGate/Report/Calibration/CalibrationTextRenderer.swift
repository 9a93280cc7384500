/// A calibration as a short table: each run's measured means against the profile's and the calibrated forecast.
public struct CalibrationTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `calibration` as text.
    public func render(_ calibration: Calibration) -> String {
        func ms(_ value: Double?) -> String { value.map { Format.milliseconds($0) } ?? "-" }
        func share(_ value: Double?) -> String { value.map { Format.fixed($0 * 100, digits: 1) + "%" } ?? "-" }
        var text = "calibrated \(TextTable.clean(calibration.model)) on \(calibration.tensorParallel)× \(calibration.gpu), "
        text += "\(calibration.engine.rawValue)\(calibration.engineVersion.map { " " + TextTable.clean($0) } ?? "") "
        text += "from profile \(calibration.profile), \(calibration.runs.count) run\(calibration.runs.count == 1 ? "" : "s")\n"
        var table = TextTable(["run", "metric", "measured ms", "profile ms", "calibrated ms"], rightAligned: [2, 3, 4])
        for run in calibration.runs {
            for (name, metric) in [("TTFT", \Calibration.Metrics.ttft), ("TPOT", \.tpot), ("E2E", \.e2e)]
            where run.measured[keyPath: metric] != nil {
                table.add([TextTable.clean(run.file), name, ms(run.measured[keyPath: metric]),
                             ms(run.before[keyPath: metric]), ms(run.after[keyPath: metric])])
            }
        }
        text += table.render()
        let before = calibration.fitError(\.before), after = calibration.fitError(\.after)
        text += "median absolute error, profile → calibrated: TTFT \(share(before.ttft)) → \(share(after.ttft)), "
        text += "TPOT \(share(before.tpot)) → \(share(after.tpot)), E2E \(share(before.e2e)) → \(share(after.e2e))\n"
        return text
    }
}
