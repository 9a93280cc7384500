// libFuzzer harness for costgate's input surfaces. Build and run with `Tests/CostGateFuzz/run.sh TARGET RUNS`
// (release, `--sanitize fuzzer --sanitize address`). SwiftPM links an executable with its own `main`, which
// replaces libFuzzer's, so this `main` hands control to libFuzzer through `LLVMFuzzerRunDriver`, found at
// run time: a normal `swift build` links no libFuzzer and this program then only explains how to build it.
import CostGate
import Foundation

typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
typealias RunDriver = @convention(c) (
    UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, TestOneInput
) -> Int32

var arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
    FileHandle.standardError.write(Data("usage: CostGateFuzz \(names) [libFuzzer options] [corpus folders]\n".utf8))
    exit(2)
}
guard let symbol = dlsym(nil, "LLVMFuzzerRunDriver") else {  // nil is glibc's RTLD_DEFAULT
    FileHandle.standardError.write(Data("CostGateFuzz: not built with libFuzzer; use Tests/CostGateFuzz/run.sh\n".utf8))
    exit(2)
}
FuzzTarget.selected = target
arguments.remove(at: 1)
var argc = Int32(arguments.count)
var cStrings: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    let driver = unsafeBitCast(symbol, to: RunDriver.self)
    return driver(&argc, &argv) { data, size in
        FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: size))
        return 0
    }
}
exit(status)
