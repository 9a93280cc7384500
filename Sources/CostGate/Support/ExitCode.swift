/// The process exit status costgate uses, after `man sysexits` but kept to three outcomes a CI step can act on.
public enum ExitCode: Int32, Sendable {
    /// Every policy passed (warnings allowed unless `--fail-on-warn`).
    case success = 0
    /// A policy failed.
    case policyFailure = 1
    /// Bad input or usage: nothing was written.
    case badInput = 2
}
