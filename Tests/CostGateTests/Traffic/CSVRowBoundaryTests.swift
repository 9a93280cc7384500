import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

/// A CSV file with quotes is split for parallel parsing where a pre-scan finds rows end; it must read exactly
/// as the single-chunk scan does (records, skipped rows, errors), and give up whenever a quote is out of place.
@Suite struct CSVRowBoundaryTests {
    static let header = "timestamp,input_tokens,output_tokens,model,team\n"

    /// `rows` rows built by `row(index)`, joined by `separator`, after the header.
    static func file(_ rows: Int, separator: String = "\n", trailing: Bool = true, _ row: (Int) -> String) -> String {
        header + (0..<rows).map(row).joined(separator: separator) + (trailing ? separator : "")
    }

    static func stamp(_ index: Int) -> String { "2025-03-01T00:\(String(format: "%02d", index / 60)):\(String(format: "%02d", index % 60))Z" }

    /// Files the pre-scan splits: every quote opens a field and closes before `,`, a newline, CRLF or the end.
    static let wellQuoted: [(String, String)] = [
        ("commas and doubled quotes", file(60) { "\(stamp($0)),\($0 * 7),\($0),\"m,\"\"\($0 % 3)\"\"\",t\($0 % 4)" }),
        ("newlines inside quotes", file(60) { "\(stamp($0)),\($0),\($0 / 2),\"line one\nline \($0)\n\",\"t\n\($0 % 5)\"" }),
        ("CRLF rows", file(60, separator: "\r\n") { "\(stamp($0)),\($0),3,\"m\r\n\($0 % 2)\",\"t\($0 % 3)\"" }),
        ("quoted last cell at the end, no newline", file(45, separator: "\r\n", trailing: false) { "\(stamp($0)),5,\($0),m,\"x\($0)\"" }),
        ("quoted empty cells and a quoted first cell", file(50) { "\"\(stamp($0))\",\($0),1,\"\",\"\"\"\"" }),
        ("a bad row between good ones", file(50) { $0 == 17 ? "\(stamp($0)),-4,1,\"m\",t" : "\(stamp($0)),\($0),1,\"m\",\"t\"" }),
        ("a wrong field count", file(50) { $0 == 31 ? "\(stamp($0)),\($0),1,\"m\"" : "\(stamp($0)),\($0),1,\"m\",\"a\nb\"" }),
    ]

    /// Files where a quote is out of place: the pre-scan gives up and the file is read as one chunk.
    static let misquoted: [(String, String)] = [
        ("stray quote inside a cell", file(50) { $0 == 20 ? "\(stamp($0)),\($0),1,m\"x,t" : "\(stamp($0)),\($0),1,\"m\",t" }),
        ("text after a closing quote", file(50) { $0 == 33 ? "\(stamp($0)),\($0),1,\"m\"x,t" : "\(stamp($0)),\($0),1,\"m\",t" }),
        ("quote never closed", file(50) { $0 == 49 ? "\(stamp($0)),\($0),1,\"m,t" : "\(stamp($0)),\($0),1,\"m\",t" }),
        ("quote after a carriage return", file(50) { $0 == 5 ? "\(stamp($0)),\($0),1,\r\"m\",t" : "\(stamp($0)),\($0),1,\"m\",t" }),
        ("carriage return alone after a closing quote", file(50) { $0 == 8 ? "\(stamp($0)),\($0),1,\"m\"\r,t" : "\(stamp($0)),\($0),1,\"m\",t" }),
    ]

    /// Where the body starts (the header has no quotes) and the pre-scan's ranges for `count` chunks.
    static func ranges(_ text: String, count: Int) -> (body: Int, bytes: [UInt8], ranges: [Range<Int>]?) {
        let bytes = Array(text.utf8)
        let body = bytes.firstIndex(of: 0x0A)! + 1
        let ranges = bytes.withUnsafeBufferPointer { buffer in
            CSVReader.rowRanges(buffer.baseAddress!, from: body, to: bytes.count, chunkCount: count)
        }
        return (body, bytes, ranges)
    }

    @Test(arguments: wellQuoted.map(\.0))
    func wellQuotedFilesSplitAtRowEnds(name: String) throws {
        let text = Self.wellQuoted.first { $0.0 == name }!.1
        let (body, bytes, ranges) = Self.ranges(text, count: 4)
        let split = try #require(ranges)
        #expect(split.count == 4)
        #expect(split.first?.lowerBound == body && split.last?.upperBound == bytes.count)
        for (left, right) in zip(split, split.dropFirst()) {
            #expect(left.upperBound == right.lowerBound)
            #expect(bytes[left.upperBound - 1] == 0x0A)
            // A boundary is a row end: the sequential scan of the body passes through it.
            var index = body
            var cells: [CSVReader.Cell] = []
            var scratch: [UInt8] = []
            var lines = 0
            let ends: [Int] = bytes.withUnsafeBufferPointer { buffer in
                var ends: [Int] = []
                while index < bytes.count {
                    _ = CSVReader.scanRow(buffer.baseAddress!, &index, bytes.count, &cells, &scratch, &lines)
                    ends.append(index)
                }
                return ends
            }
            #expect(ends.contains(left.upperBound))
        }
    }

    @Test(arguments: misquoted.map(\.0))
    func misquotedFilesAreNotSplit(name: String) {
        let text = Self.misquoted.first { $0.0 == name }!.1
        #expect(Self.ranges(text, count: 4).ranges == nil)
    }

    @Test(arguments: (wellQuoted + misquoted).map(\.0))
    func splitReadEqualsTheSingleChunkRead(name: String) {
        let text = (Self.wellQuoted + Self.misquoted).first { $0.0 == name }!.1
        let data = Data(text.utf8)
        for skip in [false, true] {
            let one = TrafficRobustnessTests.outcome(data, spec: Support.csv(), skip: skip, chunks: 1)
            for chunks in 2...9 {
                #expect(TrafficRobustnessTests.outcome(data, spec: Support.csv(), skip: skip, chunks: chunks) == one,
                        "\(name), skip \(skip), \(chunks) chunks")
            }
        }
    }

    /// The first bad record's (line, field, expected) when `text` is read in `chunks` chunks.
    static func firstError(_ text: String, chunks: Int) -> (line: Int, field: String?, expected: String)? {
        do throws(CostGateError) {
            _ = try TrafficReader.read(Data(text.utf8), spec: Support.csv(), file: "t", skipBadRecords: false, chunkCount: chunks)
            return nil
        } catch {
            guard case .badRecord(_, let line, let field, let expected, _) = error else { return nil }
            return (line, field, expected)
        }
    }

    @Test func splitFilesNameTheLineOfTheirFirstBadRow() throws {
        // Row 17 is on line 19 (the header is line 1), after a split at 4 chunks as in one chunk.
        let bad = Self.wellQuoted.first { $0.0 == "a bad row between good ones" }!.1
        let error = try #require(Self.firstError(bad, chunks: 4))
        #expect(error.line == 19 && error.field == "input_tokens")
        // Multi-line quoted cells before it: row 31 starts on line 2 + 31 * 2.
        let count = Self.wellQuoted.first { $0.0 == "a wrong field count" }!.1
        let wrong = try #require(Self.firstError(count, chunks: 4))
        #expect(wrong.line == 64 && wrong.expected == "5 fields as in the header")
        // A quote never closed is read as one chunk and named as before.
        let open = Self.misquoted.first { $0.0 == "quote never closed" }!.1
        let unclosed = try #require(Self.firstError(open, chunks: 4))
        #expect(unclosed.line == 51 && unclosed.expected.contains("closing"))
    }
}
