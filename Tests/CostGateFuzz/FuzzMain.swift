// libFuzzer harness for costgate's input surfaces. `Tests/CostGateFuzz/run.sh TARGET RUNS` builds it in release
// with `--sanitize fuzzer --sanitize address -DCOSTGATE_FUZZING`: libFuzzer then supplies `main` and calls the
// two C entry points below, and the target comes from `COSTGATE_FUZZ_TARGET`. A plain `swift build` links no
// libFuzzer, so it gets a `main` that only says how to build the harness.
import CostGate
import Foundation

#if COSTGATE_FUZZING
/// Reads the target before the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["COSTGATE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("CostGateFuzz: set COSTGATE_FUZZ_TARGET to one of \(names)\n".utf8))
        exit(2)
    }
    FuzzTarget.selected = target
    target.prepare()
    return 0
}

/// Runs one input through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#else
/// Without libFuzzer: explain how to build the harness.
@main
enum FuzzMain {
    static func main() {
        FileHandle.standardError.write(Data("CostGateFuzz: not built with libFuzzer; run Tests/CostGateFuzz/run.sh TARGET RUNS\n".utf8))
        exit(2)
    }
}
#endif
