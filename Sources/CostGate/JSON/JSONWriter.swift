/// Writes JSON deterministically: keys in the order given, numbers without locale, strings escaped.
public struct JSONWriter {
    private var output = ""
    private let indentUnit = "  "

    /// Serializes `value` pretty-printed with two-space indentation and a final newline.
    public static func write(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.emit(value, indent: 0)
        writer.output += "\n"
        return writer.output
    }

    /// Escapes a string as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.isInvisible && scalar != "\u{200D}" {
                    continue
                } else if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private mutating func emit(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(_, let text): output += text
        case .string(let text): output += JSONWriter.quote(text)
        case .array(let values):
            if values.isEmpty { output += "[]"; return }
            if values.allSatisfy(\.isScalar) {
                output += "["
                for (offset, element) in values.enumerated() {
                    if offset > 0 { output += ", " }
                    emit(element, indent: indent)
                }
                output += "]"
                return
            }
            output += "[\n"
            for (offset, element) in values.enumerated() {
                output += String(repeating: indentUnit, count: indent + 1)
                emit(element, indent: indent + 1)
                output += offset + 1 < values.count ? ",\n" : "\n"
            }
            output += String(repeating: indentUnit, count: indent) + "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{\n"
            for (offset, member) in members.enumerated() {
                output += String(repeating: indentUnit, count: indent + 1) + JSONWriter.quote(member.key) + ": "
                emit(member.value, indent: indent + 1)
                output += offset + 1 < members.count ? ",\n" : "\n"
            }
            output += String(repeating: indentUnit, count: indent) + "}"
        }
    }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
