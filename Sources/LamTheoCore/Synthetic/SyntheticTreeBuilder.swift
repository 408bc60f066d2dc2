/// Where an organisation's members live and what sort of people they are.
struct SyntheticMemberSetting: Sendable {
    /// Index into `SyntheticTree.areas`.
    var area: Int
    /// Index into that area's communes; nil when members live anywhere in the province (provincial agencies).
    var commune: Int?
    /// A neighbourhood or village cell: older members, many of them retired.
    var residential: Bool
}

/// A province as seen in members' addresses.
struct SyntheticArea: Sendable {
    let province: SyntheticProvince
    var communes: [SyntheticCommune]
}

struct SyntheticCommune: Sendable {
    /// "phường", "xã" or "đặc khu".
    let level: String
    /// "phường Bến Thành", "xã Bình Chánh", "đặc khu Côn Đảo".
    let name: String
    /// Addresses by street and number rather than by village.
    let isUrban: Bool
}

/// The organisation tree of a dataset, with what members(of:) needs beside each organisation.
struct SyntheticTree: Sendable {
    var organizations: [SyntheticOrganization] = []
    var settings: [SyntheticMemberSetting] = []
    var areas: [SyntheticArea] = []
}

/// Builds the tree depth first, so parents always precede their children. Each committee draws from its own
/// random stream keyed by its code, so a province comes out the same whether built alone or within the country.
struct SyntheticTreeBuilder {
    private let seed: UInt64
    private let referenceDate: CalendarDate
    /// The commune and provincial structure in force since the 2025 reorganisation.
    private let reorganisedOn: CalendarDate
    private var tree = SyntheticTree()

    private init(seed: UInt64, referenceDate: CalendarDate) {
        self.seed = seed
        self.referenceDate = referenceDate
        reorganisedOn = min(CalendarDate(year: 2025, month: 7, day: 1)!, referenceDate)
    }

    static func build(scale: SyntheticScale, seed: UInt64, referenceDate: CalendarDate) -> SyntheticTree {
        var builder = SyntheticTreeBuilder(seed: seed, referenceDate: referenceDate)
        let hcm = SyntheticPlaces.hoChiMinhCity
        switch scale {
        case .demo:
            let blocks = SyntheticUnits.provincialBlocks(for: hcm).filter { $0.code == "CQD" || $0.code == "CA" }
            builder.addProvince(hcm, parent: nil, members: 2_000, wards: 8, communes: 0, specialZones: [], blocks: blocks)
        case .district:
            let ward = SyntheticCommune(level: "phường", name: "phường Bến Thành", isUrban: true)
            builder.tree.areas.append(SyntheticArea(province: hcm, communes: [ward]))
            builder.addCommune(ward, code: "BTH", parent: nil, members: 5_000,
                               setting: SyntheticMemberSetting(area: 0, commune: 0, residential: false))
        case .city:
            builder.addProvince(hcm, parent: nil)
        case .province:
            builder.addProvince(SyntheticPlaces.lamDong, parent: nil)
        case .national:
            builder.addNation()
        }
        return builder.tree
    }

    // MARK: - Levels

    private mutating func addNation() {
        // The root holds no members, so its setting is never read.
        let root = add(.central, code: "TW", name: "Ban Chấp hành Trung ương", parent: nil,
                       foundedOn: min(CalendarDate(year: 1930, month: 2, day: 3)!, referenceDate),
                       setting: SyntheticMemberSetting(area: 0, commune: nil, residential: false))
        for province in SyntheticPlaces.provinces {
            addProvince(province, parent: root)
        }
        // Central agencies are in the capital.
        let hanoi = tree.areas.firstIndex { $0.province.code == SyntheticPlaces.hanoi.code }!
        let setting = SyntheticMemberSetting(area: hanoi, commune: nil, residential: false)
        for block in SyntheticUnits.centralBlocks {
            var rng = random(block.code)
            let index = add(.province, code: block.code, name: block.name, parent: root, foundedOn: reorganisedOn, setting: setting)
            fill(index, catalogue: block.catalogue, budget: block.members, setting: setting, rng: &rng)
        }
    }

    private mutating func addProvince(_ province: SyntheticProvince, parent: Int?) {
        addProvince(province, parent: parent, members: province.members, wards: province.wards, communes: province.communes,
                    specialZones: province.specialZones, blocks: SyntheticUnits.provincialBlocks(for: province))
    }

    /// A province: its communes (about 82% of its members) and its five blocks.
    private mutating func addProvince(_ province: SyntheticProvince, parent: Int?, members: Int, wards: Int, communes: Int,
                                      specialZones: [String], blocks: [SyntheticProvincialBlock]) {
        var rng = random(province.code)
        let area = tree.areas.count
        let anywhere = SyntheticMemberSetting(area: area, commune: nil, residential: false)
        let index = add(.province, code: province.code, name: "Đảng bộ \(province.fullName)", parent: parent,
                        foundedOn: reorganisedOn, setting: anywhere)

        // Wards are larger than rural communes, special zones (islands) smaller; each varies ±40%.
        var units: [(code: String, commune: SyntheticCommune, weight: Int)] = []
        func addUnits(_ names: [String], level: String, prefix: String, width: Int, urban: Bool, weight: Int) {
            for (number, name) in names.enumerated() {
                units.append((code(province.code, prefix, number + 1, width: width),
                              SyntheticCommune(level: level, name: "\(level) \(name)", isUrban: urban),
                              rng.int(in: 60...140) * weight))
            }
        }
        addUnits(placeNames(province.wardNames, count: wards, rng: &rng),
                 level: "phường", prefix: "P", width: 3, urban: true, weight: 12)
        addUnits(placeNames(province.communeNames, count: communes, rng: &rng),
                 level: "xã", prefix: "X", width: 3, urban: false, weight: 9)
        addUnits(specialZones, level: "đặc khu", prefix: "DK", width: 2, urban: true, weight: 4)
        tree.areas.append(SyntheticArea(province: province, communes: units.map(\.commune)))

        let blockMembers = members * 18 / 100
        let communeMembers = members - blockMembers
        let totalWeight = units.reduce(0) { $0 + $1.weight }
        for (position, unit) in units.enumerated() {
            addCommune(unit.commune, code: unit.code, parent: index, members: communeMembers * unit.weight / totalWeight,
                       setting: SyntheticMemberSetting(area: area, commune: position, residential: false))
        }
        let blockWeight = blocks.reduce(0) { $0 + $1.weight }
        for block in blocks {
            let blockCode = "\(province.code)-\(block.code)"
            var blockRng = random(blockCode)
            let blockIndex = add(.upperGrassroots, code: blockCode, name: block.name, parent: index,
                                 foundedOn: reorganisedOn, setting: anywhere)
            fill(blockIndex, catalogue: block.catalogue, budget: blockMembers * block.weight / blockWeight,
                 setting: anywhere, rng: &blockRng)
        }
    }

    /// A ward or commune: its own apparatus and schools, local enterprises, high schools and cooperatives (about 40%),
    /// then neighbourhood or village cells for the rest.
    private mutating func addCommune(_ commune: SyntheticCommune, code communeCode: String, parent: Int?, members: Int,
                                     setting: SyntheticMemberSetting) {
        var rng = random(communeCode)
        let index = add(.commune, code: communeCode, name: "Đảng bộ \(commune.name)", parent: parent,
                        foundedOn: reorganisedOn, setting: setting)
        let province = tree.areas[setting.area].province
        var cells = 0
        var used = 0
        func nextCellCode() -> String { cells += 1; return code(communeCode, "CB", cells, width: 2) }

        // A small commune has only the first, most essential cells of its apparatus.
        let agencies = SyntheticUnits.communeAgencies(commune.level)
        for name in agencies.prefix(max(2, members / 150)) {
            used += addCell(code: nextCellCode(), name: "Chi bộ \(name)", parent: index, sizes: Self.smallCellSizes,
                            setting: setting, rng: &rng)
        }
        var patrons = SyntheticNameDeck(SyntheticUnits.schoolPatrons)
        var kindergartens = SyntheticNameDeck(SyntheticUnits.kindergartenNames)
        for _ in 0..<(members + 175) / 350 {
            let level = SyntheticUnits.schoolLevels.pick(&rng)
            let school = level == "Mầm non" ? kindergartens.next(&rng) : patrons.next(&rng)
            used += addCell(code: nextCellCode(), name: "Chi bộ Trường \(level) \(school)", parent: index,
                            sizes: Self.smallCellSizes, setting: setting, rng: &rng)
        }
        used += fill(index, catalogue: SyntheticUnits.communeLocal, budget: members * 40 / 100, setting: setting, rng: &rng)

        var residential = setting
        residential.residential = true
        let neighbourhood = commune.isUrban ? province.urbanNeighbourhood : province.village
        var number = 0
        repeat {
            number += 1
            used += addCell(code: nextCellCode(), name: "Chi bộ \(neighbourhood) \(number)", parent: index,
                            sizes: Self.residentialCellSizes, setting: residential, rng: &rng)
        } while used < members
    }

    // MARK: - Units

    /// Adds units from a catalogue under `parent` until `budget` members are placed or the catalogue ends.
    /// Returns the members placed.
    @discardableResult
    private mutating func fill(_ parent: Int, catalogue: SyntheticUnitCatalogue, budget: Int, setting: SyntheticMemberSetting,
                               rng: inout SyntheticRandom) -> Int {
        let parentCode = tree.organizations[parent].code
        var used = 0
        var units = 0
        var upperUnits = 0
        func nextCode(_ size: SyntheticUnitSize) -> String {
            if case .upper = size {
                upperUnits += 1
                return code(parentCode, "CT", upperUnits, width: 2)
            }
            units += 1
            return code(parentCode, "CS", units, width: 2)
        }
        for template in catalogue.listed where used < budget {
            used += addUnit(template, code: nextCode(template.size), parent: parent, budget: budget - used, setting: setting, rng: &rng)
        }
        guard let more = catalogue.more else { return used }
        var numbers = [Int](repeating: 0, count: more.elements.count)
        while used < budget {
            let choice = more.pickIndex(&rng)
            let template: SyntheticUnitTemplate
            switch more.elements[choice] {
            case .numbered(let name, let size):
                numbers[choice] += 1
                template = SyntheticUnitTemplate("\(name) \(numbers[choice])", size)
            case .company:
                let large = rng.chance(perMille: 150)
                let forms = large ? SyntheticUnits.companyFormsLarge : SyntheticUnits.companyFormsSmall
                let name = "\(pick(forms, &rng)) \(pick(SyntheticUnits.companyTrades, &rng)) \(pick(SyntheticUnits.companyBrands, &rng))"
                template = SyntheticUnitTemplate(name, large ? .committee(.enterprise) : .cell)
            case .highSchool:
                template = SyntheticUnitTemplate("Trường THPT \(pick(SyntheticUnits.schoolPatrons, &rng))", .cell)
            case .cooperative:
                template = SyntheticUnitTemplate("Hợp tác xã Nông nghiệp \(pick(SyntheticUnits.companyBrands, &rng))", .cell)
            }
            used += addUnit(template, code: nextCode(template.size), parent: parent, budget: budget - used, setting: setting, rng: &rng)
        }
        return used
    }

    /// One unit of at most `budget` members; a unit too small for its intended size is made one size smaller.
    private mutating func addUnit(_ template: SyntheticUnitTemplate, code unitCode: String, parent: Int, budget: Int,
                                  setting: SyntheticMemberSetting, rng: inout SyntheticRandom) -> Int {
        var size = template.size
        if case .upper = size, budget < Self.smallestUpper { size = .committee(.agency) }
        if case .committee = size, budget < Self.smallestCommittee { size = .cell }
        switch size {
        case .cell:
            return addCell(code: unitCode, name: "Chi bộ \(template.name)", parent: parent, kind: .grassrootsCell,
                           sizes: Self.cellSizes, budget: budget, setting: setting, rng: &rng)
        case .committee(let style):
            var unitRng = random(unitCode)
            let index = add(.grassroots, code: unitCode, name: "Đảng bộ \(template.name)", parent: parent,
                            foundedOn: historicDate(&rng), setting: setting)
            return addCells(under: index, members: min(Self.committeeSizes.value(&rng), budget), style: style,
                            setting: setting, rng: &unitRng)
        case .upper(let catalogue):
            var unitRng = random(unitCode)
            let index = add(.upperGrassroots, code: unitCode, name: "Đảng bộ \(template.name)", parent: parent,
                            foundedOn: historicDate(&rng), setting: setting)
            return fill(index, catalogue: catalogue, budget: min(Self.upperSizes.value(&rng), budget), setting: setting, rng: &unitRng)
        }
    }

    /// The cells of a grassroots committee; one of 300 members or more puts some of them under sub-committees.
    private mutating func addCells(under parent: Int, members: Int, style: SyntheticCellStyle, setting: SyntheticMemberSetting,
                                   rng: inout SyntheticRandom) -> Int {
        let parentCode = tree.organizations[parent].code
        var used = 0
        var cells = 0
        var numbered = 0
        func nextCell(under owner: Int, ownerCode: String, budget: Int) -> Int {
            cells += 1
            let name: String
            if cells <= style.named.count {
                name = style.named[cells - 1]
            } else {
                numbered += 1
                name = "\(style.numbered) \(numbered)"
            }
            return addCell(code: code(ownerCode, "CB", cells, width: 2), name: "Chi bộ \(name)", parent: owner,
                           sizes: Self.cellSizes, budget: budget, setting: setting, rng: &rng)
        }
        if members >= 300 {
            for number in 1...min(3, members / 200) {
                let subCode = code(parentCode, "BP", number, width: 2)
                let sub = add(.subCommittee, code: subCode, name: "Đảng bộ bộ phận \(style.subCommittee) \(number)",
                              parent: parent, foundedOn: historicDate(&rng), setting: setting)
                let target = rng.int(in: 100...200)
                var subUsed = 0
                while subUsed < target {
                    subUsed += nextCell(under: sub, ownerCode: subCode, budget: target - subUsed)
                }
                used += subUsed
            }
        }
        repeat {
            used += nextCell(under: parent, ownerCode: parentCode, budget: members - used)
        } while used < members
        return used
    }

    /// A member-holding cell of a size drawn from `sizes`, cut to `budget` but never below five members.
    private mutating func addCell(code cellCode: String, name: String, parent: Int, kind: StandardOrganizationKind = .cell,
                                  sizes: SyntheticWeighted<ClosedRange<Int>>, budget: Int = .max, setting: SyntheticMemberSetting,
                                  rng: inout SyntheticRandom) -> Int {
        let members = max(Self.minimumCell, min(sizes.value(&rng), budget))
        add(kind, code: cellCode, name: name, parent: parent, foundedOn: historicDate(&rng), members: members, setting: setting)
        return members
    }

    @discardableResult
    private mutating func add(_ kind: StandardOrganizationKind, code: String, name: String, parent: Int?,
                              foundedOn: CalendarDate, members: Int = 0, setting: SyntheticMemberSetting) -> Int {
        let index = tree.organizations.count
        tree.organizations.append(SyntheticOrganization(index: index, parentIndex: parent, code: code, name: name, kind: kind,
                                                        foundedOn: foundedOn, memberCount: members))
        tree.settings.append(setting)
        return index
    }

    // MARK: - Helpers

    /// Cell sizes: 5 to 80 members, most between 15 and 40.
    static let cellSizes = SyntheticWeighted<ClosedRange<Int>>([(5...14, 15), (15...40, 65), (41...60, 15), (61...80, 5)])
    /// Neighbourhood and village cells run larger: they gather the retired members of the area.
    static let residentialCellSizes = SyntheticWeighted<ClosedRange<Int>>([(5...14, 5), (15...40, 60), (41...60, 25), (61...80, 10)])
    /// The commune's own offices and schools.
    static let smallCellSizes = SyntheticWeighted<ClosedRange<Int>>([(5...14, 40), (15...30, 50), (31...45, 10)])
    /// Grassroots committees (đảng bộ cơ sở): a few cells to a large enterprise or hospital.
    static let committeeSizes = SyntheticWeighted<ClosedRange<Int>>([(smallestCommittee...150, 50), (151...250, 30),
                                                                     (251...400, 15), (401...700, 5)])
    /// Committees above grassroots: a department, ministry or military region.
    static let upperSizes = SyntheticWeighted<ClosedRange<Int>>([(smallestUpper...3_000, 40), (3_001...6_000, 35), (6_001...12_000, 25)])
    static let smallestCommittee = 60
    static let smallestUpper = 1_500
    /// Party rules need at least three members for a cell; real ones rarely fall below five.
    static let minimumCell = 5

    private func random(_ code: String) -> SyntheticRandom {
        SyntheticRandom(seed: seed, key: code, purpose: .tree)
    }

    /// A founding date for a unit that outlived the reorganisation or came after it: from 1976 to the reference date.
    private func historicDate(_ rng: inout SyntheticRandom) -> CalendarDate {
        let first = min(CalendarDate(year: 1976, month: 1, day: 1)!, referenceDate).daysSinceEpoch
        return CalendarDate(daysSinceEpoch: rng.int(in: first...referenceDate.daysSinceEpoch))
    }

    /// `count` different place names: from `pool` in a random order, then made of two syllables ("Vĩnh Lộc").
    private func placeNames(_ pool: [String], count: Int, rng: inout SyntheticRandom) -> [String] {
        var deck = SyntheticNameDeck(pool)
        var used = Set<String>()  // membership only: never iterated, so order stays deterministic
        let syllables = SyntheticPlaces.placeSyllables
        return (0..<count).map { number in
            var name = number < pool.count ? deck.next(&rng) : ""
            while name.isEmpty || used.contains(name) {
                let first = rng.below(syllables.count), second = rng.below(syllables.count)
                name = first == second ? "" : "\(syllables[first]) \(syllables[second])"
            }
            used.insert(name)
            return name
        }
    }

    private func pick(_ list: [String], _ rng: inout SyntheticRandom) -> String {
        list[rng.below(list.count)]
    }

    /// "HCM-P014": the parent's code, a dash, a type prefix and a zero-padded number.
    private func code(_ parent: String, _ prefix: String, _ number: Int, width: Int) -> String {
        let digits = String(number)
        return "\(parent)-\(prefix)\(String(repeating: "0", count: max(0, width - digits.count)))\(digits)"
    }
}

/// Draws names without repeating one until all have been used, so siblings rarely share a name.
struct SyntheticNameDeck {
    private let all: [String]
    private var left: [String]

    init(_ names: [String]) {
        all = names
        left = names
    }

    mutating func next(_ rng: inout SyntheticRandom) -> String {
        if left.isEmpty { left = all }
        left.swapAt(rng.below(left.count), left.count - 1)
        return left.removeLast()
    }
}
