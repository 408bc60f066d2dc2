/// SplitMix64 (Steele, Lea & Flood 2014). The generator needs output that is identical on every run and
/// platform, so it uses its own integer-only PRNG: no SystemRandomNumberGenerator, no hash seeds, no floating point.
struct SyntheticRandom {
    private var state: UInt64

    /// A stream for one purpose and one key (an organisation code), independent of every other stream, so
    /// any part of the data can be generated alone and in any order.
    init(seed: UInt64, key: String, purpose: Purpose) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the key's UTF-8
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        state = SyntheticRandom.mix(SyntheticRandom.mix(seed ^ purpose.rawValue) ^ hash)
    }

    enum Purpose: UInt64 {
        case tree = 0x7472_6565
        case members = 0x6D65_6D62
        case permutation = 0x7065_726D
        case feedback = 0x6665_6564
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SyntheticRandom.mix(state)
    }

    /// A value in 0..<bound (bound > 0), by multiply-high; the bias is below 2^-40 for every bound used here.
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability perMille / 1000.
    mutating func chance(perMille: Int) -> Bool {
        below(1000) < perMille
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fixed list of choices with integer weights, sampled by binary search over the running totals.
struct SyntheticWeighted<Element: Sendable>: Sendable {
    let elements: [Element]
    private let cumulative: [Int]

    init(_ pairs: [(Element, Int)]) {
        precondition(!pairs.isEmpty && pairs.allSatisfy { $0.1 > 0 }, "weights must be positive")
        elements = pairs.map(\.0)
        var total = 0
        cumulative = pairs.map { total += $0.1; return total }
    }

    func pick(_ rng: inout SyntheticRandom) -> Element {
        elements[pickIndex(&rng)]
    }

    func pickIndex(_ rng: inout SyntheticRandom) -> Int {
        let target = rng.below(cumulative[cumulative.count - 1])
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension SyntheticWeighted where Element == ClosedRange<Int> {
    /// A number from a banded distribution: pick a band by weight, then a value uniformly inside it.
    func value(_ rng: inout SyntheticRandom) -> Int {
        rng.int(in: pick(&rng))
    }
}

/// A keyed bijection of 0..<domain. Applied to a member's slot (organisation index × 100 + ordinal) it gives card,
/// ID and phone numbers that look random yet are unique by construction. A mixing bijection on the smallest
/// power of two above the domain, applied again while the result falls outside ("cycle walking"), stays a bijection.
struct SyntheticSlotPermutation: Sendable {
    let domain: UInt64
    private let mask: UInt64
    private let shift: UInt64
    private let keys: (UInt64, UInt64)

    init(domain: UInt64, seed: UInt64, name: String) {
        precondition(domain > 1)
        self.domain = domain
        let bits = UInt64(64 - (domain - 1).leadingZeroBitCount)
        mask = bits == 64 ? .max : (1 << bits) - 1
        shift = max(1, bits / 2)
        var rng = SyntheticRandom(seed: seed, key: name, purpose: .permutation)
        keys = (rng.next(), rng.next())
    }

    func callAsFunction(_ value: UInt64) -> UInt64 {
        precondition(value < domain, "slot outside the permutation's domain")
        var result = value
        repeat { result = scramble(result) } while result >= domain
        return result
    }

    // Each step (add, multiply by an odd constant, xor with a right shift, all modulo 2^bits) is invertible.
    private func scramble(_ value: UInt64) -> UInt64 {
        var x = (value &+ keys.0) & mask
        x = (x &* 0x9E37_79B9_7F4A_7C15) & mask
        x ^= x >> shift
        x = (x &* 0xD6E8_FEB8_6659_FD93) & mask
        x ^= x >> shift
        return (x &+ keys.1) & mask
    }
}
