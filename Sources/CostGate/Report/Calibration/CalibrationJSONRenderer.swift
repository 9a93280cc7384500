/// A calibration as the JSON of its calibration file.
public struct CalibrationJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `calibration` as JSON.
    public func render(_ calibration: Calibration) -> String { JSONWriter.write(calibration.json) }
}
