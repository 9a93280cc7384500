import Foundation

/// One level of the dotted paths a plan maps (`usage.prompt_tokens`, `metadata.user_api_key_team_alias`): the
/// keys at that level and what each leads to. Node 0 is a record's top level.
struct PathNode: Sendable {
    /// What a key at this level leads to.
    enum Target: Sendable {
        /// A canonical field.
        case field(TrafficField)
        /// A tag, by its key.
        case tag([UInt8])
        /// A nested object, by node index.
        case node(Int)
        /// The time the first output token arrived (LiteLLM's `completionStartTime`): TTFT is it minus `timestamp`.
        case firstTokenTime
    }

    /// The keys at this level, in the order the plan first named them.
    var members: [(key: [UInt8], target: Target)] = []

    /// The target of `bytes`, if this level maps it.
    func target(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Target? {
        member(bytes, count)?.target
    }

    /// The member `bytes` names at this level (its index in `members`, to tell a repeated key) and its target, if
    /// this level maps it.
    func member(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (index: Int, target: Target)? {
        for (index, member) in members.enumerated() where member.key.count == count {
            if count == 0 || member.key.withUnsafeBufferPointer({ ByteHash.equal($0.baseAddress!, bytes, count) }) {
                return (index, member.target)
            }
        }
        return nil
    }

    /// Builds the nodes for `paths` (segments, target); nil names the first path that is also a prefix of
    /// another, or that is named twice.
    static func build(_ paths: [(segments: [String], target: Target)]) -> (nodes: [PathNode], conflict: String?) {
        var nodes = [PathNode()]
        for (segments, target) in paths {
            var node = 0
            for (depth, segment) in segments.enumerated() {
                let key = Array(segment.utf8)
                let existing = nodes[node].members.firstIndex { $0.key == key }
                let last = depth == segments.count - 1
                if let existing {
                    guard !last, case .node(let next) = nodes[node].members[existing].target else {
                        return (nodes, segments.joined(separator: "."))
                    }
                    node = next
                } else if last {
                    nodes[node].members.append((key, target))
                } else {
                    nodes.append(PathNode())
                    nodes[node].members.append((key, .node(nodes.count - 1)))
                    node = nodes.count - 1
                }
            }
        }
        return (nodes, nil)
    }
}
