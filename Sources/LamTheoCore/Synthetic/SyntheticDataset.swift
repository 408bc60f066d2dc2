/// How much of the Party to generate. The figures follow DESIGN.md's scale section.
public enum SyntheticScale: String, Sendable, CaseIterable {
    /// Ho Chi Minh City in miniature: eight wards and two city blocks, about 2,000 members.
    case demo
    /// One large ward (phường Bến Thành), about 5,000 members.
    case district
    /// Ho Chi Minh City: 173 units under the city committee, about 366,000 members.
    case city
    /// Lâm Đồng province, about 150,000 members.
    case province
    /// The Central Committee over the 34 provinces and cities and the central blocks: about 5.6 million members,
    /// about 60,000 committees and grassroots organisations, and the cells under them.
    case national
}

/// One organisation of a generated tree.
public struct SyntheticOrganization: Sendable, Hashable {
    /// Position in `organizations()`; a parent's index is always smaller than its children's.
    public var index: Int
    /// nil for the root.
    public var parentIndex: Int?
    /// Unique and ASCII: the parent's code plus a segment ("HCM", "HCM-P014", "HCM-P014-CB03"), except that a
    /// province keeps its own code under the national root, so it is the same tree at every scale.
    public var code: String
    /// "Đảng bộ Thành phố Hồ Chí Minh", "Đảng bộ phường Bến Thành", "Chi bộ Khu phố 3", NFC.
    public var name: String
    public var kind: StandardOrganizationKind
    public var foundedOn: CalendarDate
    /// How many members `members(of:)` returns for it: 5 to 80 for cells, 0 for committees.
    public var memberCount: Int
}

/// One generated Party member.
public struct SyntheticMember: Sendable, Hashable {
    /// Always an organisation whose `kind.holdsMembers` is true.
    public var organizationIndex: Int
    public var familyName: String
    public var middleName: String
    public var givenName: String
    public var gender: Gender
    public var birthDate: CalendarDate
    /// Eight digits, unique across the whole dataset.
    public var cardNumber: String
    /// On or after the 18th birthday, on or before the reference date.
    public var admittedOn: CalendarDate
    /// Twelve months after admission; nil exactly for probationary members.
    public var fullMemberOn: CalendarDate?
    public var status: MemberStatus
    /// Twelve-digit citizen ID (CCCD): birth province, gender and century, year of birth, six digits. Unique.
    public var idNumber: String
    /// Ten-digit mobile number. Unique.
    public var phone: String
    public var address: String
    /// "Bí thư chi bộ", "Phó Bí thư chi bộ" or "Chi ủy viên" for the cell's committee; nil for the others.
    public var position: String?
}

/// A deterministic synthetic Party: the same (scale, seed, referenceDate) gives the same data, bit for bit,
/// on every run and machine.
public struct SyntheticDataset: Sendable {
    public let scale: SyntheticScale
    public let seed: UInt64
    /// "Today" for the data: ages, admissions and probation are computed against it.
    public let referenceDate: CalendarDate
    let tree: SyntheticTree
    let cardNumbers: SyntheticSlotPermutation
    let citizenIDs: SyntheticSlotPermutation
    let phoneNumbers: SyntheticSlotPermutation

    /// Builds the organisation tree (a fraction of a second even at national scale); members are generated on demand.
    public init(scale: SyntheticScale, seed: UInt64, referenceDate: CalendarDate) {
        self.scale = scale
        self.seed = seed
        self.referenceDate = referenceDate
        tree = SyntheticTreeBuilder.build(scale: scale, seed: seed, referenceDate: referenceDate)
        let provinceCodes = UInt64(SyntheticPlaces.citizenIDProvinceCodes.count)
        let prefixes = UInt64(SyntheticPlaces.mobilePrefixes.count)
        cardNumbers = SyntheticSlotPermutation(domain: Self.cardDomain, seed: seed, name: "card")
        citizenIDs = SyntheticSlotPermutation(domain: provinceCodes * 1_000_000, seed: seed, name: "citizen-id")
        phoneNumbers = SyntheticSlotPermutation(domain: prefixes * 10_000_000, seed: seed, name: "phone")
        let slots = UInt64(tree.organizations.count * Self.slotsPerOrganization)
        precondition(slots <= min(cardNumbers.domain, citizenIDs.domain, phoneNumbers.domain),
                     "too many organisations for unique numbers")
    }

    /// The whole tree, parents before children.
    public func organizations() -> [SyntheticOrganization] {
        tree.organizations
    }

    /// The exact number of members over all organisations, from the stored per-organisation counts.
    public func memberCount() -> Int {
        tree.organizations.reduce(0) { $0 + $1.memberCount }
    }

    /// Members of one organisation, deterministic for (seed, organisation) and independent of every other call, so
    /// organisations can be generated in any order or in parallel. Empty for organisations that hold no members.
    public func members(of organization: SyntheticOrganization) -> [SyntheticMember] {
        precondition(tree.organizations.indices.contains(organization.index)
                     && tree.organizations[organization.index].code == organization.code,
                     "\(organization.code) is not an organisation of this dataset")
        var generator = SyntheticMemberGenerator(dataset: self, organization: tree.organizations[organization.index])
        return generator.members()
    }

    /// Number ranges are indexed by slot = organisation index × 100 + ordinal; cells hold at most 80.
    public static let slotsPerOrganization = 100
    /// Card numbers run from 10000000 to 99999999.
    static let cardDomain: UInt64 = 90_000_000
}
