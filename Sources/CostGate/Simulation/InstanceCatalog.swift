/// The built-in cloud instance catalog.
///
/// On-demand prices are public list prices (US regions, Linux) as recorded on the date shown; spot prices
/// move hourly, so every spot figure is an ESTIMATE of a typical recent level and says so.
public enum InstanceCatalog {
    private static let aws = "aws.amazon.com/ec2/pricing/on-demand (us-east-1, Linux)"
    private static let gcp = "cloud.google.com/compute/gpus-pricing (us-central1, VM + GPU list price)"
    private static let azure = "azure.microsoft.com/pricing/details/virtual-machines/linux (East US, pay-as-you-go)"
    private static let spot = "; spot: ESTIMATE of a typical level, not a quote"

    /// Every known instance type.
    public static let all: [CloudInstance] = [
        CloudInstance(id: "aws/p5.48xlarge", gpu: "H100", gpuCount: 8, onDemandPerHour: 55.04, spotPerHour: 30.0,
                      date: "2025-06", source: aws + " after the June 2025 ~45% P5 price cut (was $98.32)" + spot),
        CloudInstance(id: "aws/p5e.48xlarge", gpu: "H200", gpuCount: 8, onDemandPerHour: 63.30, spotPerHour: 35.0,
                      date: "2025-06", source: "ESTIMATE from " + aws + " P5e list after the June 2025 cut" + spot),
        CloudInstance(id: "aws/p4d.24xlarge", gpu: "A100-40GB", gpuCount: 8, onDemandPerHour: 21.96, spotPerHour: 9.0,
                      date: "2025-06", source: aws + " after the June 2025 cut (was $32.77)" + spot),
        CloudInstance(id: "aws/p4de.24xlarge", gpu: "A100-80GB", gpuCount: 8, onDemandPerHour: 27.45, spotPerHour: 12.0,
                      date: "2025-06", source: "ESTIMATE from " + aws + " (was $40.97 before the June 2025 cut)" + spot),
        CloudInstance(id: "aws/g5.xlarge", gpu: "A10G", gpuCount: 1, onDemandPerHour: 1.006, spotPerHour: 0.40,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g5.12xlarge", gpu: "A10G", gpuCount: 4, onDemandPerHour: 5.672, spotPerHour: 2.20,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g5.48xlarge", gpu: "A10G", gpuCount: 8, onDemandPerHour: 16.288, spotPerHour: 6.50,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g6.xlarge", gpu: "L4", gpuCount: 1, onDemandPerHour: 0.8048, spotPerHour: 0.35,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g6.12xlarge", gpu: "L4", gpuCount: 4, onDemandPerHour: 4.6016, spotPerHour: 1.90,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g6e.xlarge", gpu: "L40S", gpuCount: 1, onDemandPerHour: 1.861, spotPerHour: 0.85,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g6e.12xlarge", gpu: "L40S", gpuCount: 4, onDemandPerHour: 10.493, spotPerHour: 4.50,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "aws/g6e.48xlarge", gpu: "L40S", gpuCount: 8, onDemandPerHour: 30.131, spotPerHour: 13.0,
                      date: "2025-01", source: aws + spot),
        CloudInstance(id: "gcp/a3-highgpu-8g", gpu: "H100", gpuCount: 8, onDemandPerHour: 88.25, spotPerHour: 36.0,
                      date: "2025-01", source: gcp + spot),
        CloudInstance(id: "gcp/a2-highgpu-1g", gpu: "A100-40GB", gpuCount: 1, onDemandPerHour: 3.673, spotPerHour: 1.47,
                      date: "2025-01", source: gcp + spot),
        CloudInstance(id: "gcp/a2-ultragpu-1g", gpu: "A100-80GB", gpuCount: 1, onDemandPerHour: 5.069, spotPerHour: 2.03,
                      date: "2025-01", source: gcp + spot),
        CloudInstance(id: "gcp/a2-ultragpu-8g", gpu: "A100-80GB", gpuCount: 8, onDemandPerHour: 40.55, spotPerHour: 16.2,
                      date: "2025-01", source: gcp + spot),
        CloudInstance(id: "gcp/g2-standard-4", gpu: "L4", gpuCount: 1, onDemandPerHour: 0.7068, spotPerHour: 0.28,
                      date: "2025-01", source: gcp + spot),
        CloudInstance(id: "azure/ND96isr_H100_v5", gpu: "H100", gpuCount: 8, onDemandPerHour: 98.32, spotPerHour: 40.0,
                      date: "2025-01", source: azure + spot),
        CloudInstance(id: "azure/ND96amsr_A100_v4", gpu: "A100-80GB", gpuCount: 8, onDemandPerHour: 32.77, spotPerHour: 13.0,
                      date: "2025-01", source: azure + spot),
        CloudInstance(id: "azure/NC24ads_A100_v4", gpu: "A100-80GB", gpuCount: 1, onDemandPerHour: 3.673, spotPerHour: 1.50,
                      date: "2025-01", source: azure + spot),
        CloudInstance(id: "azure/NC40ads_H100_v5", gpu: "H100", gpuCount: 1, onDemandPerHour: 6.98, spotPerHour: 3.0,
                      date: "2025-01", source: azure + spot),
        CloudInstance(id: "lambda/gpu_8x_h100_sxm5", gpu: "H100", gpuCount: 8, onDemandPerHour: 23.92, spotPerHour: nil,
                      date: "2025-06", source: "lambda.ai/pricing ($2.99 per H100-hour, 8x SXM5; no spot market)"),
        CloudInstance(id: "lambda/gpu_8x_a100_80gb_sxm4", gpu: "A100-80GB", gpuCount: 8, onDemandPerHour: 14.32, spotPerHour: nil,
                      date: "2025-06", source: "lambda.ai/pricing ($1.79 per A100-80GB-hour; no spot market)"),
        CloudInstance(id: "runpod/h100-sxm", gpu: "H100", gpuCount: 1, onDemandPerHour: 2.69, spotPerHour: 1.75,
                      date: "2025-06", source: "runpod.io/pricing (secure cloud; spot = community interruptible, ESTIMATE)"),
        CloudInstance(id: "runpod/a100-sxm", gpu: "A100-80GB", gpuCount: 1, onDemandPerHour: 1.74, spotPerHour: 1.10,
                      date: "2025-06", source: "runpod.io/pricing (secure cloud; spot ESTIMATE)"),
        CloudInstance(id: "runpod/l40s", gpu: "L40S", gpuCount: 1, onDemandPerHour: 0.86, spotPerHour: 0.50,
                      date: "2025-06", source: "runpod.io/pricing (secure cloud; spot ESTIMATE)"),
        CloudInstance(id: "runpod/h200", gpu: "H200", gpuCount: 1, onDemandPerHour: 3.99, spotPerHour: 2.60,
                      date: "2025-06", source: "runpod.io/pricing (secure cloud; spot ESTIMATE)"),
    ]

    /// The instance with this id, if any (case-insensitive).
    public static func instance(_ id: String) -> CloudInstance? {
        all.first { $0.id.lowercased() == id.lowercased() }
    }

    /// The cheapest on-demand price per GPU-hour for a GPU type, used when a deployment names no price.
    public static func cheapestPerGPUHour(gpu: String) -> CloudInstance? {
        all.filter { $0.gpu == gpu }.min { $0.onDemandPerGPUHour < $1.onDemandPerGPUHour }
    }
}
