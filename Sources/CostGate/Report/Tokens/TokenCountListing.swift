/// What `costgate tokens` prints: each file's size and token count, and the total.
public struct TokenCountListing: Sendable {
    /// One file counted.
    public struct File: Sendable {
        /// The path as given on the command line (`-` for standard input).
        public var path: String
        /// Its size in bytes.
        public var bytes: Int
        /// Its tokens (an estimate when `exact` is false).
        public var tokens: Int

        /// Creates a file row.
        public init(path: String, bytes: Int, tokens: Int) {
            self.path = path
            self.bytes = bytes
            self.tokens = tokens
        }
    }

    /// The encoding counted with.
    public var encoding: TokenEncoding
    /// Whether the counts are the model's own tokenizer's (false: the encoding's count times `ratio`).
    public var exact: Bool
    /// The per-family ratio applied to estimates (1 when exact).
    public var ratio: Double
    /// The model whose tokens are estimated, when one was named.
    public var model: String?
    /// The files, in command-line order.
    public var files: [File]

    /// Creates a listing.
    public init(encoding: TokenEncoding, exact: Bool, ratio: Double, model: String?, files: [File]) {
        self.encoding = encoding
        self.exact = exact
        self.ratio = ratio
        self.model = model
        self.files = files
    }

    /// Tokens over every file.
    public var total: Int { files.reduce(0) { $0 + $1.tokens } }
}
