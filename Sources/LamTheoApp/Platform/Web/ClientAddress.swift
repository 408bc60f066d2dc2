#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vapor

/// The reverse proxies LamTheo believes about who the client is (`LAMTHEO_TRUSTED_PROXIES`): addresses and CIDR ranges,
/// IPv4 or IPv6.
public struct TrustedProxies: Sendable, Equatable {
    struct Network: Sendable, Equatable {
        let bytes: [UInt8]
        let prefixLength: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            let whole = prefixLength / 8
            guard address.prefix(whole) == bytes.prefix(whole) else { return false }
            let rest = prefixLength % 8
            guard rest > 0 else { return true }
            let mask = UInt8(0xFF) << (8 - rest)
            return address[whole] & mask == bytes[whole] & mask
        }
    }

    let networks: [Network]

    public static let none = TrustedProxies(networks: [])

    init(networks: [Network]) {
        self.networks = networks
    }

    /// `127.0.0.1, 10.0.0.0/8, ::1`; nil when an entry is not an address or range.
    public init?(_ text: String) {
        var networks: [Network] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { return nil }
            let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let length, (0...bytes.count * 8).contains(length) else { return nil }
            networks.append(Network(bytes: bytes, prefixLength: length))
        }
        guard !networks.isEmpty else { return nil }
        self.networks = networks
    }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The address's bytes: 4 for IPv4 (an IPv4-mapped IPv6 address too, as a dual-stack socket reports IPv4 peers), 16 for IPv6.
    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] ? Array(bytes.suffix(4)) : bytes
    }
}

extension Application {
    /// Set by `configure` from `LAMTHEO_TRUSTED_PROXIES`.
    var trustedProxies: TrustedProxies {
        get { storage[TrustedProxiesKey.self] ?? .none }
        set { storage[TrustedProxiesKey.self] = newValue }
    }

    private struct TrustedProxiesKey: StorageKey {
        typealias Value = TrustedProxies
    }
}

extension Request {
    /// The client's address, as the audit trail, the personal-data log and the throttles record it: the connection's
    /// peer, unless that peer is a trusted proxy; then `X-Forwarded-For` read from the right, where each trusted proxy
    /// appended the address it saw, and the first hop that is not a trusted proxy is the client (the hops left of it
    /// are whatever the client chose to send).
    var clientAddress: String? {
        guard let peer = remoteAddress?.ipAddress else { return nil }
        let proxies = application.trustedProxies
        guard proxies.contains(peer) else { return peer }
        let hops = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.last(where: { !proxies.contains($0) }) ?? hops.first else { return peer }
        return TrustedProxies.bytes(of: client) == nil ? peer : client
    }
}
