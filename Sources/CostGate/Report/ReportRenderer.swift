/// Renders one kind of document (an evaluation, a showback, a price listing…) in one output format.
public protocol ReportRenderer<Document>: Sendable {
    /// What is rendered.
    associatedtype Document
    /// Renders `document` to the complete text of the output.
    func render(_ document: Document) -> String
}

extension ReportRenderer {
    /// The document as costgate writes it: rendered, then without bidi controls or zero-width characters in
    /// any format, so no name from the traffic or the plan can reorder or hide what a reader sees.
    public func document(_ document: Document) -> String {
        render(document).removingInvisibleCharacters
    }
}
