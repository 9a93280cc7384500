/// Renders one kind of document (an evaluation, a showback, a price listing…) in one output format.
public protocol ReportRenderer<Document>: Sendable {
    /// What is rendered.
    associatedtype Document
    /// Renders `document` to the complete text of the output.
    func render(_ document: Document) -> String
}
