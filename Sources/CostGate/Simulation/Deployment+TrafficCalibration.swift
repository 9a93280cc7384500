extension Deployment {
    /// Whether the plan asks to fit this deployment on the sample's own measured latencies
    /// (`"calibration": "traffic"`) rather than on a calibration file. A file literally named `traffic` is
    /// written `./traffic`.
    public var calibratesFromTraffic: Bool { calibrationFile == "traffic" }
}
