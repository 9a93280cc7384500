/// The audio and image token counts a usage report gives beside its totals (OpenAI's `input_audio_tokens`,
/// `output_audio_tokens`, `input_image_tokens`, `output_image_tokens`). costgate has no audio or image token
/// rates: these tokens are counted within the row's input and output totals and priced at the text rates, and the
/// report says how many there were.
public struct ModalityTokens: Sendable, Equatable {
    public var audioInput: Int64 = 0
    public var audioOutput: Int64 = 0
    public var imageInput: Int64 = 0
    public var imageOutput: Int64 = 0

    /// No counts.
    public init() {}

    /// Whether every count is zero.
    public var isEmpty: Bool { audioInput == 0 && audioOutput == 0 && imageInput == 0 && imageOutput == 0 }

    /// Adds `other`'s counts, stopping at `Int64.max` (each count is bounded per row, not their sum over a log).
    public mutating func add(_ other: ModalityTokens) {
        func sum(_ a: Int64, _ b: Int64) -> Int64 {
            let (total, overflow) = a.addingReportingOverflow(b)
            return overflow ? .max : total
        }
        audioInput = sum(audioInput, other.audioInput)
        audioOutput = sum(audioOutput, other.audioOutput)
        imageInput = sum(imageInput, other.imageInput)
        imageOutput = sum(imageOutput, other.imageOutput)
    }
}
