import Testing
@testable import CostGate

/// The marker in each host's style: written where the style puts it, found only there, and removed cleanly.
@Suite struct CommentMarkerTests {
    static let marker = CommentMarker(tag: "plan-a", sha: "abc123", time: 2_000)
    static let report = "<!-- costgate -->\n### costgate\n\nbody\n"

    @Test(arguments: [CommentMarker.Style.htmlComment, .linkReference, .footer])
    func attachParseAndStripRoundTrip(style: CommentMarker.Style) {
        let body = Self.marker.attach(to: Self.report, style: style)
        #expect(!body.contains("<!-- costgate -->"), "the renderer's plain marker is replaced")
        #expect(CommentMarker.parse(body, style: style) == Self.marker)
        let stripped = CommentMarker.strip(body, style: style)
        #expect(stripped.hasPrefix("### costgate\n\nbody"))
        #expect(!stripped.contains("costgate tag="))
    }

    @Test func eachStyleSitsWhereItsHostHidesIt() {
        #expect(Self.marker.attach(to: Self.report, style: .htmlComment).hasPrefix("<!-- costgate tag=plan-a sha=abc123 time=1970-01-01T00:33:20Z -->\n"))
        #expect(Self.marker.attach(to: Self.report, style: .linkReference).hasPrefix("[//]: # (costgate tag=plan-a sha=abc123 time=1970-01-01T00:33:20Z)\n"))
        #expect(Self.marker.attach(to: Self.report, style: .footer).hasSuffix("body\n\n*(costgate tag=plan-a sha=abc123 time=1970-01-01T00:33:20Z)*\n"))
    }

    @Test(arguments: [
        ("> [//]: # (costgate tag=plan-a sha=1 time=1970-01-01T00:00:00Z)\nquoted", CommentMarker.Style.linkReference),
        ("text\n[//]: # (costgate tag=plan-a sha=1 time=1970-01-01T00:00:00Z)", .linkReference),
        ("*(costgate tag=plan-a sha=1 time=1970-01-01T00:00:00Z)*\nreply below the quoted footer", .footer),
        ("> *(costgate tag=plan-a sha=1 time=1970-01-01T00:00:00Z)*", .footer),
        ("x <!-- costgate tag=plan-a sha=1 time=1970-01-01T00:00:00Z -->", .htmlComment),
        ("[//]: # (costgate tag=bad/tag sha=1 time=1970-01-01T00:00:00Z)", .linkReference),
    ])
    func aMarkerOutOfPlaceOrMalformedIsNotOurs(body: String, style: CommentMarker.Style) {
        #expect(CommentMarker.parse(body, style: style) == nil)
        #expect(CommentMarker.strip(body, style: style) == body)
    }
}
