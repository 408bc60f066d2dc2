import Foundation
import Testing
@testable import LamTheoCore

@Suite struct SyntheticMemberTests {
    private func allMembers(_ dataset: SyntheticDataset) -> [SyntheticMember] {
        dataset.organizations().flatMap { dataset.members(of: $0) }
    }

    @Test func sameSeedGivesTheSameMembersAndAnotherSeedOthers() {
        let first = allMembers(SyntheticDataset(scale: .demo, seed: 21, referenceDate: SyntheticFixture.referenceDate))
        let again = allMembers(SyntheticDataset(scale: .demo, seed: 21, referenceDate: SyntheticFixture.referenceDate))
        let other = allMembers(SyntheticDataset(scale: .demo, seed: 22, referenceDate: SyntheticFixture.referenceDate))
        #expect(!first.isEmpty)
        #expect(first == again)
        #expect(first.map(\.cardNumber) != other.map(\.cardNumber))
        #expect(first.map(\.givenName) != other.map(\.givenName))
    }

    /// Pins the exact output, so a change of platform, toolchain or code that alters the data is noticed.
    /// Update the value only when changing the generated data on purpose.
    @Test func outputIsPinnedBitForBit() {
        let dataset = SyntheticDataset(scale: .demo, seed: 1, referenceDate: SyntheticFixture.referenceDate)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 + [0] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        for organization in dataset.organizations() {
            add("\(organization.code)|\(organization.name)|\(organization.kind.rawValue)|\(organization.foundedOn)|\(organization.memberCount)")
            for member in dataset.members(of: organization) {
                add("\(member.familyName)|\(member.middleName)|\(member.givenName)|\(member.gender.rawValue)|\(member.birthDate)")
                add("\(member.cardNumber)|\(member.admittedOn)|\(member.fullMemberOn?.iso ?? "-")|\(member.status.rawValue)")
                add("\(member.idNumber)|\(member.phone)|\(member.address)|\(member.position ?? "")")
            }
        }
        #expect(hash == 17_569_395_902_375_678_002)
    }

    /// Callers may generate organisations in any order, or in parallel.
    @Test func membersOfAnOrganisationDoNotDependOnTheOrderOfCalls() async {
        let dataset = SyntheticDataset(scale: .demo, seed: 23, referenceDate: SyntheticFixture.referenceDate)
        let cells = dataset.organizations().filter(\.kind.holdsMembers)
        let forward = cells.map { dataset.members(of: $0) }
        let backward = Array(cells.reversed().map { dataset.members(of: $0) }.reversed())
        let parallel = await withTaskGroup(of: (Int, [SyntheticMember]).self) { group in
            for (position, cell) in cells.enumerated() {
                group.addTask { (position, dataset.members(of: cell)) }
            }
            var results = [[SyntheticMember]](repeating: [], count: cells.count)
            for await (position, members) in group { results[position] = members }
            return results
        }
        #expect(!cells.isEmpty)
        #expect(forward == backward)
        #expect(forward == parallel)
    }

    @Test(arguments: [SyntheticScale.demo, .district])
    func memberCountIsTheExactSum(scale: SyntheticScale) {
        let dataset = SyntheticDataset(scale: scale, seed: 24, referenceDate: SyntheticFixture.referenceDate)
        var total = 0
        for organization in dataset.organizations() {
            let members = dataset.members(of: organization)
            #expect(members.count == organization.memberCount)
            #expect(members.allSatisfy { $0.organizationIndex == organization.index })
            #expect(members.isEmpty || organization.kind.holdsMembers, "\(organization.code) holds no members")
            total += members.count
        }
        #expect(total > 0)
        #expect(dataset.memberCount() == total)
    }

    @Test func numbersAreUniqueAcrossTheWholeCity() {
        let dataset = SyntheticDataset(scale: .city, seed: 25, referenceDate: SyntheticFixture.referenceDate)
        var cards = Set<String>(), ids = Set<String>(), phones = Set<String>()
        var count = 0
        for organization in dataset.organizations() {
            for member in dataset.members(of: organization) {
                count += 1
                cards.insert(member.cardNumber)
                ids.insert(member.idNumber)
                phones.insert(member.phone)
            }
        }
        #expect(count == dataset.memberCount())
        #expect(count > 300_000)
        #expect(cards.count == count)
        #expect(ids.count == count)
        #expect(phones.count == count)
    }

    @Test func numbersHaveTheirOfficialShape() {
        let members = allMembers(SyntheticDataset(scale: .district, seed: 26, referenceDate: SyntheticFixture.referenceDate))
        let digits = Set("0123456789".utf8)
        let mobilePrefixes = ["03", "05", "07", "08", "09"]
        let badMembers = members.filter { member in
            let id = Array(member.idNumber.utf8)
            let centuryAndGender = id.count == 12 ? Int(id[3]) - 48 : -1
            let expectedCentury = (member.birthDate.year >= 2000 ? 2 : 0) + (member.gender == .female ? 1 : 0)
            return member.cardNumber.utf8.count != 8 || !member.cardNumber.utf8.allSatisfy(digits.contains)
                || id.count != 12 || !id.allSatisfy(digits.contains)
                || centuryAndGender != expectedCentury
                || Int(member.idNumber.dropFirst(4).prefix(2)) != member.birthDate.year % 100
                || member.phone.utf8.count != 10 || !member.phone.utf8.allSatisfy(digits.contains)
                || !mobilePrefixes.contains(String(member.phone.prefix(2)))
        }
        #expect(members.count > 4_000)
        #expect(badMembers.isEmpty, "\(badMembers.prefix(3))")
    }

    @Test func textIsNFCAndNamesArePresent() {
        let members = allMembers(SyntheticDataset(scale: .district, seed: 27, referenceDate: SyntheticFixture.referenceDate))
        let badMembers = members.filter { member in
            member.familyName.isEmpty || member.givenName.isEmpty || member.address.isEmpty
                || ![member.familyName, member.middleName, member.givenName, member.address, member.position ?? ""]
                    .allSatisfy(SyntheticFixture.isNFC)
        }
        #expect(members.count > 4_000)
        #expect(badMembers.isEmpty, "\(badMembers.prefix(3))")
        #expect(members.allSatisfy { $0.address.hasSuffix(", phường Bến Thành, Thành phố Hồ Chí Minh") })
        // Empty middle names exist but are rare.
        #expect(members.filter(\.middleName.isEmpty).count < members.count / 50)
    }

    @Test(arguments: [SyntheticFixture.referenceDate, CalendarDate(year: 2028, month: 2, day: 29)!,
                      CalendarDate(year: 2027, month: 2, day: 28)!])
    func datesAreConsistent(referenceDate: CalendarDate) {
        let members = allMembers(SyntheticDataset(scale: .district, seed: 28, referenceDate: referenceDate))
        let badMembers = members.filter { member in
            let birth = member.birthDate
            let eighteenth = CalendarDate(year: birth.year + 18, month: birth.month, day: birth.day)
                ?? CalendarDate(year: birth.year + 18, month: 2, day: 28)!
            let ageInDays = referenceDate.daysSinceEpoch - birth.daysSinceEpoch
            let sinceAdmission = referenceDate.daysSinceEpoch - member.admittedOn.daysSinceEpoch
            guard member.admittedOn >= eighteenth, member.admittedOn <= referenceDate,
                  (18 * 365...91 * 366).contains(ageInDays) else { return true }
            if member.status == .probationary {
                return member.fullMemberOn != nil || sinceAdmission >= 365
            }
            guard let full = member.fullMemberOn else { return true }
            let probation = full.daysSinceEpoch - member.admittedOn.daysSinceEpoch
            return full > referenceDate || !(365...366).contains(probation)
        }
        #expect(members.count > 4_000)
        #expect(badMembers.isEmpty, "\(badMembers.prefix(3))")
    }

    @Test func statusesAgesAndNamesFollowRealFrequencies() {
        let members = allMembers(SyntheticDataset(scale: .province, seed: 29, referenceDate: SyntheticFixture.referenceDate))
        func share(_ predicate: (SyntheticMember) -> Bool) -> Double {
            Double(members.filter(predicate).count) / Double(members.count)
        }
        let reference = SyntheticFixture.referenceDate.daysSinceEpoch
        func age(_ member: SyntheticMember) -> Int { (reference - member.birthDate.daysSinceEpoch) / 365 }
        #expect(members.count > 100_000)
        #expect(share { $0.status == .full } > 0.7)
        #expect((0.01...0.06).contains(share { $0.status == .probationary }))
        #expect((0.02...0.2).contains(share { $0.status == .exempt }))
        #expect(share { !$0.status.isOnRoll } < 0.03)
        #expect(share { $0.status == .exempt && age($0) < 60 } == 0)
        #expect(share { (30...60).contains(age($0)) } > 0.5)
        #expect(members.allSatisfy { (18...90).contains(age($0)) })
        #expect((0.34...0.42).contains(share { $0.familyName == "Nguyễn" }))
        #expect((0.08...0.14).contains(share { $0.familyName == "Trần" }))
        #expect((0.28...0.40).contains(share { $0.gender == .female }))
        #expect(share { $0.gender == .female && $0.middleName.hasPrefix("Thị") } > 0.2)
        #expect(share { $0.gender == .male && $0.middleName.hasPrefix("Thị") } == 0)
    }

    @Test func everyCellHasOneSecretaryAmongItsFullMembers() {
        let dataset = SyntheticDataset(scale: .demo, seed: 30, referenceDate: SyntheticFixture.referenceDate)
        var cells = 0
        for organization in dataset.organizations() where organization.kind.holdsMembers {
            let members = dataset.members(of: organization)
            guard members.contains(where: { $0.status == .full }) else { continue }
            cells += 1
            let holders = members.filter { $0.position != nil }
            #expect(members.filter { $0.position == "Bí thư chi bộ" }.count == 1, "\(organization.code)")
            #expect(holders.allSatisfy { $0.status == .full })
            #expect(holders.count <= (members.count >= 30 ? 5 : 3))
            #expect(holders.count < members.count)
        }
        #expect(cells > 50)
    }
}
