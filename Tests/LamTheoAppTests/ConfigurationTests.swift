@testable import LamTheoApp
import Logging
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("the access log: info by default, any level by name, off for none; anything else stops start-up naming the variable")
    func accessLog() throws {
        #expect(try AppConfiguration.load(from: [:]).accessLog == .info)
        #expect(try AppConfiguration.load(from: ["LAMTHEO_ACCESS_LOG": "debug"]).accessLog == .debug)
        #expect(try AppConfiguration.load(from: ["LAMTHEO_ACCESS_LOG": "off"]).accessLog == nil)
        let error = #expect(throws: ConfigurationError.self) { try AppConfiguration.load(from: ["LAMTHEO_ACCESS_LOG": "loud"]) }
        #expect(error?.variable == "LAMTHEO_ACCESS_LOG")
        #expect(error?.description.contains("off, trace, debug") == true)
    }
}
