import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate schema` prints the plan schema shipped in the resources, as JSON any consumer can read.
@Suite struct SchemaCommandTests {
    @Test func printsTheDraft2020PlanSchema() throws {
        let result = runCLI(["schema"])
        #expect(result.status == .success, "\(result.stderr)")
        let schema = try #require(try parseJSON(result.stdout) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["title"] as? String == "costgate plan")
        #expect((schema["required"] as? [String])?.contains("traffic") == true)
    }

    @Test func takesNoArguments() {
        let result = runCLI(["schema", "extra"])
        #expect(result.status == .badInput)
        #expect(result.stderr.hasPrefix("costgate schema: usage error: unexpected argument 'extra'"), "\(result.stderr)")
    }
}
