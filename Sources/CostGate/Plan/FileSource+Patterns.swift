import Foundation

/// Expands the forms a traffic path may take: a file, a folder (its regular files, sorted by name, hidden ones
/// skipped), or a glob (`*`, `?`, `[...]` in any component, matched with `fnmatch`; a leading `.` is matched
/// only by a leading `.`). Every expanded path is repository-relative and is read through `read(_:namedIn:)`, whose
/// containment check (symbolic links resolved) applies to each.
extension FileSource {
    /// Whether a path component holds a glob wildcard.
    static func isPattern(_ component: some StringProtocol) -> Bool {
        component.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The files `pattern` (relative to `directory`) names, repository-relative, in reading order.
    ///
    /// - Throws: `CostGateError.pathEscapesRepository` for a path leaving the repository, `.io` when nothing
    ///   matches or a folder holds no file.
    public func expand(_ pattern: String, relativeTo directory: String, namedIn file: String) throws(CostGateError) -> [String] {
        let path = try repositoryPath(pattern, relativeTo: directory, namedIn: file)
        let components = path.split(separator: "/").map(String.init)
        guard components.contains(where: { Self.isPattern($0) }) else {
            guard let entries = try list(path) else { return [path] }
            let files = entries.filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map { path + "/" + $0.name }.sorted()
            guard !files.isEmpty else { throw .io(path: displayPath(path), reason: "is a folder with no traffic file in it") }
            return files
        }
        var prefixes = [""]
        for (depth, component) in components.enumerated() {
            let last = depth == components.count - 1
            var next: [String] = []
            for prefix in prefixes {
                let joined = prefix.isEmpty ? component : prefix + "/" + component
                guard Self.isPattern(component) else {
                    next.append(joined)
                    continue
                }
                for entry in try list(prefix) ?? [] where entry.isDirectory != last && !entry.name.hasPrefix(".") {
                    if fnmatch(component, entry.name, FNM_PERIOD) == 0 {
                        next.append(prefix.isEmpty ? entry.name : prefix + "/" + entry.name)
                    }
                }
            }
            prefixes = next
        }
        guard !prefixes.isEmpty else { throw .io(path: displayPath(path), reason: "matches no file") }
        return prefixes.sorted()
    }

    /// The entries of the folder at the repository-relative `path`, nil when it is not a folder.
    private func list(_ path: String) throws(CostGateError) -> [(name: String, isDirectory: Bool)]? {
        if let commit {
            // `git ls-tree <commit>:<path>` lists a tree's entries as "<mode> <type> <object>\t<name>".
            guard let listing = try? Git.run(["ls-tree", "-z", "\(commit):\(path)"], in: root) else { return nil }
            return listing.split(separator: "\0").compactMap { line in
                guard let tab = line.firstIndex(of: "\t") else { return nil }
                let type = line[..<tab].split(separator: " ").dropFirst().first
                return (String(line[line.index(after: tab)...]), type == "tree")
            }
        }
        let full = path.isEmpty ? root : (root as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: full)
        } catch {
            throw .io(path: displayPath(path), reason: "cannot be listed (\(error.localizedDescription))")
        }
        return names.map { name in
            var entryIsDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent(name), isDirectory: &entryIsDirectory)
            return (name, entryIsDirectory.boolValue)
        }
    }
}
