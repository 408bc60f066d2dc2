/// Generates the members of one organisation. This is the hot path (5.6 million members at national scale):
/// text is assembled as UTF-8 bytes in one reused buffer, digits are written by hand, and no Foundation
/// formatting is used.
struct SyntheticMemberGenerator {
    private let dataset: SyntheticDataset
    private let organization: SyntheticOrganization
    private let setting: SyntheticMemberSetting
    private let area: SyntheticArea
    private var rng: SyntheticRandom
    private var bytes: [UInt8] = []

    init(dataset: SyntheticDataset, organization: SyntheticOrganization) {
        self.dataset = dataset
        self.organization = organization
        setting = dataset.tree.settings[organization.index]
        area = dataset.tree.areas[setting.area]
        rng = SyntheticRandom(seed: dataset.seed, key: organization.code, purpose: .members)
        bytes.reserveCapacity(160)
    }

    mutating func members() -> [SyntheticMember] {
        precondition(organization.memberCount <= SyntheticDataset.slotsPerOrganization)
        var members: [SyntheticMember] = []
        members.reserveCapacity(organization.memberCount)
        for ordinal in 0..<organization.memberCount {
            members.append(member(slot: organization.index * SyntheticDataset.slotsPerOrganization + ordinal))
        }
        assignPositions(&members)
        return members
    }

    // MARK: - One member

    private mutating func member(slot: Int) -> SyntheticMember {
        let gender: Gender = rng.chance(perMille: 340) ? .female : .male  // about a third of members are women
        let family = SyntheticPeopleNames.family.pick(&rng)
        let middle = (gender == .female ? SyntheticPeopleNames.femaleMiddle : SyntheticPeopleNames.maleMiddle).pick(&rng)
        let given = (gender == .female ? SyntheticPeopleNames.femaleGiven : SyntheticPeopleNames.maleGiven).pick(&rng)

        // Dates are chosen backwards from admission, so "admitted on or after the 18th birthday" and
        // "full membership twelve months later, not after the reference date" hold by construction.
        let reference = dataset.referenceDate
        let status: MemberStatus
        let admittedOn: CalendarDate
        let admissionAge: Int
        if rng.chance(perMille: setting.residential ? 10 : 40) {
            // Probationary: admitted within the last twelve months.
            status = .probationary
            admissionAge = Self.admissionAges.value(&rng)
            admittedOn = reference.adding(days: -rng.below(365))
        } else {
            let age = (setting.residential ? Self.residentAges : Self.workingAges).value(&rng)
            let usual = Self.admissionAges.value(&rng)
            admissionAge = usual < age ? usual : rng.int(in: 18...(age - 1))
            admittedOn = Self.shifted(reference, years: admissionAge - age).adding(days: -rng.below(365))
            status = laterStatus(age: age)
        }
        let birthDate = Self.shifted(admittedOn, years: -admissionAge).adding(days: -1 - rng.below(364))

        return SyntheticMember(
            organizationIndex: organization.index,
            familyName: family, middleName: middle, givenName: given, gender: gender,
            birthDate: birthDate,
            cardNumber: cardNumber(slot: slot),
            admittedOn: admittedOn,
            fullMemberOn: status == .probationary ? nil : Self.shifted(admittedOn, years: 1),
            status: status,
            idNumber: citizenID(slot: slot, gender: gender, birthYear: birthDate.year),
            phone: phone(slot: slot),
            address: address(),
            position: nil)
    }

    /// Most full members stay full; the elderly are often exempted from Party activities; a few leave the roll.
    private mutating func laterStatus(age: Int) -> MemberStatus {
        let exemptPerMille = age >= 70 ? 500 : age >= 60 ? 50 : 0
        if rng.chance(perMille: exemptPerMille) { return .exempt }
        let deceasedPerTenThousand = age >= 70 ? 150 : 20
        let roll = rng.below(10_000)
        if roll < 60 { return .transferredOut }
        if roll < 60 + deceasedPerTenThousand { return .deceased }
        if roll < 75 + deceasedPerTenThousand { return .struckOff }
        if roll < 80 + deceasedPerTenThousand { return .expelled }
        return .full
    }

    /// The cell's committee, by Party rules: under 9 members a secretary and a deputy; a committee of three from
    /// 9, of five from 30, chosen among the full members.
    private func assignPositions(_ members: inout [SyntheticMember]) {
        let count = members.count
        var titles = ["Bí thư chi bộ", "Phó Bí thư chi bộ"]
        if count >= 9 { titles.append("Chi ủy viên") }
        if count >= 30 { titles += ["Chi ủy viên", "Chi ủy viên"] }
        var next = 0
        for index in members.indices where next < titles.count && members[index].status == .full {
            members[index].position = titles[next]
            next += 1
        }
    }

    // MARK: - Numbers, unique by construction

    private mutating func cardNumber(slot: Int) -> String {
        bytes.removeAll(keepingCapacity: true)
        appendDigits(10_000_000 + Int(dataset.cardNumbers(UInt64(slot))), width: 8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Province code, then 0/1 for a man/woman born in the 1900s (2/3 in the 2000s, and so on), the year's last two
    /// digits, then six digits. The permuted slot picks the province code and the last six digits: IDs are unique.
    private mutating func citizenID(slot: Int, gender: Gender, birthYear: Int) -> String {
        let permuted = Int(dataset.citizenIDs(UInt64(slot)))
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: SyntheticPlaces.citizenIDProvinceCodes[permuted / 1_000_000].utf8)
        appendDigits(max(0, birthYear / 100 - 19) * 2 + (gender == .female ? 1 : 0), width: 1)
        appendDigits(birthYear % 100, width: 2)
        appendDigits(permuted % 1_000_000, width: 6)
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func phone(slot: Int) -> String {
        let permuted = Int(dataset.phoneNumbers(UInt64(slot)))
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: SyntheticPlaces.mobilePrefixes[permuted / 10_000_000].utf8)
        appendDigits(permuted % 10_000_000, width: 7)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Address

    /// "Số 12 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh", with a lane (hẻm in the South, ngõ elsewhere)
    /// for a quarter of town addresses; "Ấp 3, xã Bình Chánh, …" in the countryside.
    private mutating func address() -> String {
        let commune = area.communes[setting.commune ?? rng.below(area.communes.count)]
        bytes.removeAll(keepingCapacity: true)
        if commune.isUrban {
            let shortStreet = rng.chance(perMille: 700)
            let streetNumber = 1 + rng.below(shortStreet ? 120 : 600)
            let inLane = rng.chance(perMille: 250) ? 1 + rng.below(60) : 0
            append("Số ")
            if inLane > 0 && area.province.isSouth {  // "Số 254/7": house 7 of the lane at number 254
                appendNumber(streetNumber)
                append("/")
                appendNumber(inLane)
            } else if inLane > 0 {  // "Số 7 ngõ 254"
                appendNumber(inLane)
                append(" ngõ ")
                appendNumber(streetNumber)
            } else {
                appendNumber(streetNumber)
            }
            append(" đường ")
            append(SyntheticPlaces.streets[rng.below(SyntheticPlaces.streets.count)])
        } else {
            append(area.province.village)
            append(" ")
            appendNumber(1 + rng.below(15))
        }
        append(", ")
        append(commune.name)
        append(", ")
        append(area.province.fullName)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Text

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendDigits(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<max(width, 1) { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private mutating func appendNumber(_ value: Int) {
        var width = 1
        var limit = 10
        while value >= limit {
            width += 1
            limit *= 10
        }
        appendDigits(value, width: width)
    }

    // MARK: - Dates and ages

    /// The same day `years` later or earlier; 29 February becomes 28 February in a common year.
    static func shifted(_ date: CalendarDate, years: Int) -> CalendarDate {
        let year = date.year + years
        return CalendarDate(year: year, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: year)))!
    }

    /// Ages of members in neighbourhood and village cells, where the retired are.
    static let residentAges = SyntheticWeighted<ClosedRange<Int>>([
        (19...29, 4), (30...39, 8), (40...49, 12), (50...59, 18), (60...69, 28), (70...79, 20), (80...88, 10),
    ])
    /// Ages of members in workplaces, up to retirement.
    static let workingAges = SyntheticWeighted<ClosedRange<Int>>([
        (19...24, 5), (25...29, 14), (30...39, 33), (40...49, 26), (50...59, 20), (60...62, 2),
    ])
    /// Ages at admission: mostly in one's twenties, rarely after fifty.
    static let admissionAges = SyntheticWeighted<ClosedRange<Int>>([
        (18...22, 22), (23...29, 42), (30...39, 26), (40...49, 8), (50...60, 2),
    ])
}
