import Foundation
import Testing
import CostGateTestSupport

/// Checks the layout of the source tree itself, as SwiftFormat's `CodeOrganizationTests` does: one main type
/// per file, named after it; `Type+Concern.swift` files only extend; tests mirror the source folders; and the
/// top level holds only what the project's design names.
@Suite struct LayoutTests {
    /// A top-level type declaration: modifiers and attributes, then the kind and the name.
    static var typeDeclaration: Regex<(Substring, Substring)> { /^(?:(?:public|internal|package|fileprivate|private|final|nonisolated|@\w+(?:\([^)]*\))?)\s+)*(?:struct|enum|class|actor|protocol)\s+(\w+)/ }

    static let sources = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Sources")

    static func swiftFiles(under url: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let next = enumerator?.nextObject() as? URL {
            if next.pathExtension == "swift" { files.append(next) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The non-private types a file declares at the top level, in order.
    static func mainTypes(in file: URL) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var names: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let match = line.prefixMatch(of: typeDeclaration) else { continue }
            let modifiers = line[..<match.1.startIndex]
            if modifiers.contains("private ") { continue }
            names.append(String(match.1))
        }
        return names
    }

    @Test func everySourceFileHoldsOneMainTypeNamedAfterIt() throws {
        let files = Self.swiftFiles(under: Self.sources)
        #expect(files.count > 50, "found \(files.count) source files under \(Self.sources.path)")
        for file in files where file.lastPathComponent != "main.swift" {
            let name = file.deletingPathExtension().lastPathComponent
            let types = try Self.mainTypes(in: file)
            let relative = file.path.replacingOccurrences(of: repositoryRoot + "/", with: "")
            if name.contains("+") {
                #expect(types.isEmpty, "\(relative) extends \(name.split(separator: "+")[0]) and should declare no type of its own, but declares \(types)")
            } else {
                #expect(types == [name], "\(relative) should declare exactly one main type, \(name); it declares \(types)")
            }
        }
    }

    @Test func testFoldersMirrorSourceFolders() throws {
        let manager = FileManager.default
        let sourceFolders = Set(try manager.contentsOfDirectory(atPath: Self.sources.appendingPathComponent("CostGate").path))
        let testsRoot = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Tests")
        for target in ["CostGateTests", "CostGateEndToEndTests"] {
            for folder in try manager.contentsOfDirectory(atPath: testsRoot.appendingPathComponent(target).path)
            where !folder.hasSuffix(".swift") && folder != "Support" && folder != "Fixtures" {
                #expect(sourceFolders.contains(folder), "Tests/\(target)/\(folder) has no matching Sources/CostGate/\(folder)")
            }
        }
    }

    @Test func topLevelHoldsOnlyTheDesignedEntries() throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot)
            .filter { !$0.hasPrefix(".") }.sorted()
        let allowed: Set = ["Package.swift", "Sources", "Tests", "Scenarios", "README.md", "ci"]
        #expect(Set(entries).isSubset(of: allowed.union(["Package.resolved"])), "unexpected top-level entries: \(Set(entries).subtracting(allowed))")
    }
}
