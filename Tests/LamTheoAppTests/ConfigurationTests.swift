@testable import LamTheoApp
import Foundation
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

@Suite("Kept pages")
struct ExpiringCacheTests {
    @Test("the dashboard cache: 5 s by default, 0 for none, up to 300; anything else stops start-up naming the variable")
    func dashboardCache() throws {
        #expect(try AppConfiguration.load(from: [:]).dashboardCache == 5)
        #expect(try AppConfiguration.load(from: ["LAMTHEO_DASHBOARD_CACHE": "0"]).dashboardCache == 0)
        #expect(try AppConfiguration.load(from: ["LAMTHEO_DASHBOARD_CACHE": "300"]).dashboardCache == 300)
        for wrong in ["-1", "301", "năm"] {
            let error = #expect(throws: ConfigurationError.self) { try AppConfiguration.load(from: ["LAMTHEO_DASHBOARD_CACHE": wrong]) }
            #expect(error?.variable == "LAMTHEO_DASHBOARD_CACHE")
        }
    }

    @Test("a kept value is given until its time, not after; past capacity the cache starts again empty, a key kept again does not empty it")
    func expiry() {
        let cache = ExpiringCache<String, Int>(capacity: 2)
        let now = Date()
        cache.keep(1, at: "a", until: now.addingTimeInterval(5))
        #expect(cache.value("a", now: now) == 1 && cache.value("a", now: now.addingTimeInterval(5)) == nil)
        cache.keep(2, at: "b", until: now.addingTimeInterval(5))
        cache.keep(3, at: "b", until: now.addingTimeInterval(5))
        #expect(cache.value("a", now: now) == 1 && cache.value("b", now: now) == 3)
        cache.keep(4, at: "c", until: now.addingTimeInterval(5))
        #expect(cache.value("a", now: now) == nil && cache.value("b", now: now) == nil && cache.value("c", now: now) == 4)
    }
}
