/// Every output format of every document costgate prints, by name: each command's `--format` choices come from
/// here, so a new format is one line.
public enum Renderers {
    /// `check` and `whatif`.
    public static let evaluation = RendererRegistry<Evaluation>([
        ("text", TextReportRenderer()), ("markdown", MarkdownReportRenderer()), ("json", JSONReportRenderer()),
        ("junit", JUnitReportRenderer()), ("codequality", CodeQualityReportRenderer()), ("openmetrics", OpenMetricsReportRenderer()),
        ("html", HTMLReportRenderer()),
    ])

    /// `breakdown`.
    public static let showback = RendererRegistry<ShowbackListing>([
        ("text", ShowbackTextRenderer()), ("markdown", ShowbackMarkdownRenderer()), ("json", ShowbackJSONRenderer()),
        ("csv", ShowbackCSVRenderer()), ("focus", FocusCSVRenderer()),
    ])

    /// `rightsize`.
    public static let rightsize = RendererRegistry<RightsizeListing>([
        ("text", RightsizeTextRenderer()), ("markdown", RightsizeMarkdownRenderer()), ("json", RightsizeJSONRenderer()),
    ])

    /// `simulate`.
    public static let simulation = RendererRegistry<SimulationListing>([
        ("text", SimulationTextRenderer()), ("json", SimulationJSONRenderer()),
    ])

    /// `calibrate`.
    public static let calibration = RendererRegistry<Calibration>([
        ("text", CalibrationTextRenderer()), ("json", CalibrationJSONRenderer()),
    ])

    /// `tokens`.
    public static let tokenCount = RendererRegistry<TokenCountListing>([
        ("text", TokenCountTextRenderer()), ("json", TokenCountJSONRenderer()),
    ])

    /// `validate`.
    public static let validation = RendererRegistry<ValidationSummary>([
        ("text", ValidationTextRenderer()), ("json", ValidationJSONRenderer()),
    ])

    /// `sample`.
    public static let sample = RendererRegistry<SampleSummary>([
        ("text", SampleTextRenderer()), ("json", SampleJSONRenderer()),
    ])

    /// `prices`.
    public static let prices = RendererRegistry<PriceListing>([
        ("text", PriceTextRenderer()), ("json", PriceJSONRenderer()), ("csv", PriceCSVRenderer()),
    ])
}
