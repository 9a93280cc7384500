/// A model as it is named anywhere (a traffic record, a route, a quality table, a rate limit, a policy filter),
/// reduced to the parts costgate's one matching rule compares.
///
/// The rule, applied by `PriceCatalog.lookup(_:)` and `PriceCatalog.sameModel(_:_:)`:
/// - names compare case-insensitively, with dots and dashes equal, so a provider's native spelling
///   (`claude-sonnet-4-5`) matches the catalog's (`anthropic/claude-sonnet-4.5`);
/// - a `provider/` prefix, LiteLLM's spellings included (`gemini/`, `together_ai/`), narrows the match to that
///   provider; without one, a name matches when only one provider has it, and is ambiguous otherwise;
/// - dated snapshots (`gpt-4o-2024-08-06`, `claude-haiku-4-5-20251001`) and `-latest` names match through the
///   catalog's aliases only. A snapshot can be priced differently from the model's current row
///   (`gpt-4o-2024-05-13` is), so a date the catalog does not list is never stripped and guessed.
public struct ModelID: Sendable, Hashable, CustomStringConvertible {
    /// The name as written.
    public let text: String
    /// The provider prefix in canonical form (`openai`, `google` for LiteLLM's `gemini`), nil for a bare name.
    public let provider: String?
    /// The model part in canonical form: lower case, dots written as dashes.
    public let key: String

    /// LiteLLM provider prefixes that name a catalog provider differently.
    static let providerSynonyms = ["gemini": "google", "together_ai": "together"]

    /// Splits `text` at its first `/` into provider and model.
    public init(_ text: String) {
        self.text = text
        if let slash = text.firstIndex(of: "/") {
            let provider = Self.canonical(text[..<slash])
            self.provider = Self.providerSynonyms[provider] ?? provider
            key = Self.canonical(text[text.index(after: slash)...])
        } else {
            provider = nil
            key = Self.canonical(text[...])
        }
    }

    public var description: String { text }

    /// The whole name in canonical form (`openai/gpt-4-1`), the key a qualified name is indexed under.
    public var canonical: String { provider.map { $0 + "/" + key } ?? key }

    /// Whether two names the catalog cannot resolve are the same name: the same model part, and the same
    /// provider unless one of them names none (`Llama-3.1-8B-Instruct` is `meta-llama/Llama-3.1-8B-Instruct`).
    public func sameSpelling(as other: ModelID) -> Bool {
        key == other.key && (provider == nil || other.provider == nil || provider == other.provider)
    }

    /// Lower case with dots as dashes: `Claude-Sonnet-4.5` and `claude-sonnet-4-5` are one key.
    static func canonical(_ part: Substring) -> String {
        // Plain ASCII, nearly every name, byte by byte: the same result as the `Character` path below, without
        // building a `Character` for each letter (catalogs and samples canonicalize thousands of names).
        let ascii = part.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (offset, byte) in bytes.enumerated() {
                    buffer[offset] = byte == UInt8(ascii: ".") ? UInt8(ascii: "-")
                        : (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                }
                return bytes.count
            }
        }
        if let ascii = ascii ?? nil { return ascii }
        return String(part.lowercased().map { $0 == "." ? "-" : $0 })
    }
}
