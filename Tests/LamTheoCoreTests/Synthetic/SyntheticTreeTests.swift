import Foundation
import Testing
@testable import LamTheoCore

enum SyntheticFixture {
    /// A fixed "today" so that every run sees the same data.
    static let referenceDate = CalendarDate(year: 2025, month: 11, day: 20)!

    static func isNFC(_ text: String) -> Bool {
        // String == treats canonically equivalent text as equal, so compare the bytes.
        Array(text.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8)
    }
}

@Suite struct SyntheticTreeTests {
    @Test(arguments: SyntheticScale.allCases)
    func parentsComeBeforeChildren(scale: SyntheticScale) throws {
        let organizations = SyntheticDataset(scale: scale, seed: 1, referenceDate: SyntheticFixture.referenceDate).organizations()
        #expect(organizations.count > 1)
        #expect(organizations.first?.parentIndex == nil)
        for (position, organization) in organizations.enumerated() {
            #expect(organization.index == position)
            if position > 0 {
                let parent = try #require(organization.parentIndex, "only the first organisation is a root")
                #expect(parent < position)
                #expect(!organizations[parent].kind.holdsMembers, "\(organization.code) sits under the cell \(organizations[parent].code)")
            }
        }
    }

    @Test(arguments: SyntheticScale.allCases)
    func codesAreUniqueASCIIAndNamesAreNFC(scale: SyntheticScale) {
        let organizations = SyntheticDataset(scale: scale, seed: 2, referenceDate: SyntheticFixture.referenceDate).organizations()
        #expect(Set(organizations.map(\.code)).count == organizations.count)
        for organization in organizations {
            #expect(!organization.code.isEmpty && organization.code.utf8.allSatisfy { $0 < 128 }, "\(organization.code)")
            #expect(organization.name.hasPrefix("Đảng bộ ") || organization.name.hasPrefix("Chi bộ ")
                    || organization.kind == .central, "\(organization.name)")
            #expect(SyntheticFixture.isNFC(organization.name), "\(organization.name)")
            #expect(organization.foundedOn <= SyntheticFixture.referenceDate)
        }
    }

    @Test(arguments: SyntheticScale.allCases)
    func onlyCellsHoldMembersAndCellSizesAreRealistic(scale: SyntheticScale) {
        let organizations = SyntheticDataset(scale: scale, seed: 3, referenceDate: SyntheticFixture.referenceDate).organizations()
        var cells = 0
        var typical = 0
        for organization in organizations {
            if organization.kind.holdsMembers {
                cells += 1
                #expect((5...80).contains(organization.memberCount), "\(organization.code): \(organization.memberCount)")
                if (15...40).contains(organization.memberCount) { typical += 1 }
            } else {
                #expect(organization.memberCount == 0, "\(organization.code)")
            }
        }
        #expect(cells > 0)
        #expect(Double(typical) / Double(cells) > 0.5, "most cells have 15 to 40 members")
    }

    @Test func sameSeedGivesTheSameTreeAndAnotherSeedAnother() {
        let first = SyntheticDataset(scale: .city, seed: 11, referenceDate: SyntheticFixture.referenceDate).organizations()
        let again = SyntheticDataset(scale: .city, seed: 11, referenceDate: SyntheticFixture.referenceDate).organizations()
        let other = SyntheticDataset(scale: .city, seed: 12, referenceDate: SyntheticFixture.referenceDate).organizations()
        #expect(first == again)
        #expect(first != other)
    }

    @Test func demoIsASmallCity() {
        let dataset = SyntheticDataset(scale: .demo, seed: 4, referenceDate: SyntheticFixture.referenceDate)
        let organizations = dataset.organizations()
        #expect(organizations[0].name == "Đảng bộ Thành phố Hồ Chí Minh")
        #expect(organizations[0].kind == .province)
        #expect((8...12).contains(organizations.filter { $0.parentIndex == 0 }.count))
        #expect((1_700...2_300).contains(dataset.memberCount()))
    }

    @Test func districtIsOneLargeWard() {
        let dataset = SyntheticDataset(scale: .district, seed: 5, referenceDate: SyntheticFixture.referenceDate)
        let root = dataset.organizations()[0]
        #expect(root.kind == .commune)
        #expect(root.name == "Đảng bộ phường Bến Thành")
        #expect((4_250...5_750).contains(dataset.memberCount()))
    }

    @Test func cityHas173UnitsUnderTheCityCommitteeAndAbout366000Members() {
        let dataset = SyntheticDataset(scale: .city, seed: 6, referenceDate: SyntheticFixture.referenceDate)
        let organizations = dataset.organizations()
        let units = organizations.filter { $0.parentIndex == 0 }
        #expect(units.count == 173)
        #expect(units.filter { $0.kind == .commune }.count == 168)
        #expect((329_400...402_600).contains(dataset.memberCount()))
    }

    @Test func provinceHasAbout150000Members() {
        let dataset = SyntheticDataset(scale: .province, seed: 7, referenceDate: SyntheticFixture.referenceDate)
        #expect(dataset.organizations()[0].name == "Đảng bộ tỉnh Lâm Đồng")
        #expect((135_000...165_000).contains(dataset.memberCount()))
    }

    /// DESIGN.md: about 5.6 million members, about 52,000 grassroots organisations and several hundred thousand cells.
    @Test func nationalScaleMatchesTheCountry() {
        let dataset = SyntheticDataset(scale: .national, seed: 8, referenceDate: SyntheticFixture.referenceDate)
        let organizations = dataset.organizations()
        #expect(organizations[0].kind == .central)
        let underRoot = organizations.filter { $0.parentIndex == 0 }
        #expect(underRoot.filter { !$0.code.hasPrefix("TW-") }.count == 34, "34 provinces and cities")
        #expect(underRoot.filter { $0.code.hasPrefix("TW-") }.count >= 4, "central blocks")
        #expect(organizations.filter { $0.kind == .commune }.count == 3_321)
        let committeesAndGrassroots = organizations.filter { $0.kind != .cell }.count
        #expect((51_000...69_000).contains(committeesAndGrassroots), "about 60,000 organisations above the cells")
        let grassroots = organizations.filter { [.commune, .grassroots, .grassrootsCell].contains($0.kind) }.count
        #expect((44_200...59_800).contains(grassroots), "about 52,000 grassroots organisations")
        #expect((150_000...400_000).contains(organizations.filter(\.kind.holdsMembers).count))
        #expect((5_040_000...6_160_000).contains(dataset.memberCount()))
    }

    @Test func aProvinceIsTheSameTreeAtEveryScale() {
        let city = SyntheticDataset(scale: .city, seed: 9, referenceDate: SyntheticFixture.referenceDate).organizations()
        let national = SyntheticDataset(scale: .national, seed: 9, referenceDate: SyntheticFixture.referenceDate).organizations()
        let withinNation = national.filter { $0.code == "HCM" || $0.code.hasPrefix("HCM-") }
        func shape(_ list: [SyntheticOrganization], _ all: [SyntheticOrganization]) -> [String] {
            list.map { organization in
                let parent = organization.code == "HCM" ? "" : all[organization.parentIndex!].code
                return [organization.code, organization.name, organization.kind.rawValue, organization.foundedOn.iso,
                        String(organization.memberCount), parent].joined(separator: "|")
            }
        }
        #expect(withinNation.count == city.count)
        #expect(shape(withinNation, national) == shape(city, city))
    }
}
