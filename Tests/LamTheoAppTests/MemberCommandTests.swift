import Fluent
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Member commands and queries")
struct MemberCommandTests {
    @Test("a member form sent without a cell chosen reads as no cell (the command names the field), not as an unreadable body")
    func blankCellField() throws {
        let form = try URLEncodedFormDecoder().decode(MemberInput.self, from: "fullName=Nguy%E1%BB%85n+V%C4%83n+An&organizationId=")
        #expect(form.organizationId == nil && form.fullName == "Nguyễn Văn An")
        #expect(try URLEncodedFormDecoder().decode(MemberInput.self, from: "organizationId=12").organizationId == 12)
        #expect(throws: (any Error).self) { try URLEncodedFormDecoder().decode(MemberInput.self, from: "organizationId=abc") }
    }

    @Test("a member is stored with the name split, NFC text and search and sort keys", arguments: TestBackend.allCases)
    func create(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            // Decomposed (NFD) input, as some keyboards and spreadsheets send it.
            let decomposed = "Nguyễn Thị Minh Khai".decomposedStringWithCanonicalMapping
            let id = try await app.createMember(decomposed, card: "0012345", in: tree.cellA1)
            let member = try #require(try await Member.find(id, on: app.db))
            #expect(member.familyName == "Nguyễn")
            #expect(member.middleName == "Thị Minh")
            #expect(member.givenName == "Khai")
            #expect(member.fullName == "Nguyễn Thị Minh Khai")
            #expect(member.fullName.unicodeScalars.count == "Nguyễn Thị Minh Khai".precomposedStringWithCanonicalMapping.unicodeScalars.count)
            #expect(member.nameSearch == "nguyen thi minh khai")
            #expect(try await app.unit(tree.cellA1).memberCount == 1)
            #expect(try await MemberQueries.transfers(of: id, on: app.db).map(\.toOrganizationId) == [tree.cellA1])
        }
    }

    @Test("a duplicate card number, a committee instead of a cell and impossible dates are refused, writing nothing", arguments: TestBackend.allCases)
    func refused(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn An", card: "600001", in: tree.cellA1)
            let members = try await app.rowCount("members")
            let transfers = try await app.rowCount("member_transfers")

            let duplicate = await domainError {
                _ = try await app.write { try await MemberCommands.create(
                    MemberInput(fullName: "Trần Văn Bảo", gender: "male", cardNumber: " 600 001 ", organizationId: tree.cellB1), on: $0) }
            }
            #expect(duplicate?.kind == .conflict)
            #expect(duplicate?.fields == ["cardNumber"])
            #expect(duplicate?.title.vi == "Số thẻ đảng viên 600001 đã được cấp cho một đảng viên khác")

            let wrong = await domainError {
                _ = try await app.write { try await MemberCommands.create(
                    MemberInput(fullName: "", gender: "x", birthDate: "31/02/1990", cardNumber: "600002", admittedOn: "01/01/2000",
                                fullMemberOn: "1999-01-01", status: "probationary", idNumber: "123", phone: "abc", organizationId: tree.wardA), on: $0) }
            }
            #expect(Set(wrong?.fields ?? []) == ["fullName", "gender", "birthDate", "fullMemberOn", "idNumber", "phone", "organizationId"])

            let tooYoung = await domainError {
                _ = try await app.write { try await MemberCommands.create(
                    MemberInput(fullName: "Lê Văn Cường", gender: "male", birthDate: "2000-06-01", cardNumber: "600003", admittedOn: "2010-01-01",
                                organizationId: tree.cellA1), on: $0) }
            }
            #expect(tooYoung?.fields == ["admittedOn"])
            #expect(try await app.rowCount("members") == members)
            #expect(try await app.rowCount("member_transfers") == transfers)
            #expect(try await app.unit(tree.cellA1).memberCount == 1)
        }
    }

    @Test("a transfer moves the member, keeps the history and both counts right", arguments: TestBackend.allCases)
    func transfer(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.createMember("Nguyễn Văn An", card: "700001", in: tree.cellA1)
            _ = try await app.write { try await MemberCommands.transfer(id, to: tree.cellB1, on: "01/03/2024", reason: "Chuyển nơi cư trú", db: $0) }
            #expect(try await app.unit(tree.cellA1).memberCount == 0)
            #expect(try await app.unit(tree.cellB1).memberCount == 1)
            #expect(try await app.subtreeCount(tree.wardA) == 0)
            #expect(try await app.subtreeCount(tree.wardB) == 1)
            let history = try await MemberQueries.transfers(of: id, on: app.db)
            #expect(history.map(\.toOrganizationId) == [tree.cellA1, tree.cellB1])
            #expect(history.last?.transferredOn.iso == "2024-03-01")

            let same = await domainError { _ = try await app.write { try await MemberCommands.transfer(id, to: tree.cellB1, on: nil, reason: nil, db: $0) } }
            #expect(same?.fields == ["organizationId"])
            let toWard = await domainError { _ = try await app.write { try await MemberCommands.transfer(id, to: tree.wardA, on: nil, reason: nil, db: $0) } }
            #expect(toWard?.fields == ["organizationId"])
            let backdated = await domainError { _ = try await app.write { try await MemberCommands.transfer(id, to: tree.cellA2, on: "2024-01-01", reason: nil, db: $0) } }
            #expect(backdated?.fields == ["transferredOn"])
            #expect(try await app.storedCountsMatchMembers())
        }
    }

    @Test("a status change off the roll and back keeps the unit's count", arguments: TestBackend.allCases)
    func statusChange(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.createMember("Nguyễn Văn An", card: "800001", in: tree.cellA1)
            let deceased = MemberInput(fullName: "Nguyễn Văn An", gender: "male", cardNumber: "800001", status: MemberStatus.deceased.rawValue)
            _ = try await app.write { try await MemberCommands.update(id, deceased, on: $0) }
            #expect(try await app.unit(tree.cellA1).memberCount == 0)
            var exempt = deceased
            exempt.status = MemberStatus.exempt.rawValue
            let restored = exempt
            _ = try await app.write { try await MemberCommands.update(id, restored, on: $0) }
            #expect(try await app.unit(tree.cellA1).memberCount == 1)
            #expect(try await app.storedCountsMatchMembers())
        }
    }

    @Test("search ignores case, tones and marks; lists sort by tên, đệm, họ; pages are bounded", arguments: TestBackend.allCases)
    func searchAndSort(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let names = ["Trần Văn Bình", "Nguyễn Văn A", "Lê Thị Ánh", "Phạm An", "Đặng Văn Đức", "Nguyễn Thị Ăn", "Hoàng Văn Dũng", "Vũ Thị An"]
            for (index, name) in names.enumerated() {
                try await app.createMember(name, card: "9\(index)", in: index.isMultiple(of: 2) ? tree.cellA1 : tree.cellB1)
            }
            let all = try await MemberQueries.search(.init(), page: 1, perPage: 50, on: app.db)
            #expect(all.items.map(\.fullName) == ["Nguyễn Văn A", "Phạm An", "Vũ Thị An", "Lê Thị Ánh", "Nguyễn Thị Ăn", "Trần Văn Bình", "Hoàng Văn Dũng", "Đặng Văn Đức"])

            let found = try await MemberQueries.search(.init(text: "nguyen van a"), page: 1, perPage: 50, on: app.db)
            #expect(found.items.map(\.fullName) == ["Nguyễn Văn A"])
            let folded = try await MemberQueries.search(.init(text: "DANG VAN DUC"), page: 1, perPage: 50, on: app.db)
            #expect(folded.items.map(\.fullName) == ["Đặng Văn Đức"])
            let byCard = try await MemberQueries.search(.init(text: "93"), page: 1, perPage: 50, on: app.db)
            #expect(byCard.items.map(\.fullName) == ["Phạm An"])

            let wardA = try await MemberQueries.search(.init(within: try await app.unit(tree.wardA).treePath), page: 1, perPage: 3, on: app.db)
            #expect(wardA.total == 4)
            #expect(wardA.items.count == 3)
            // The total is the stored roll of the subtrees the list covers: the caller's scopes narrowed to `within`.
            let (city, wardAPath, wardBPath) = (try await app.unit(tree.city).treePath, try await app.unit(tree.wardA).treePath, try await app.unit(tree.wardB).treePath)
            #expect(try await MemberQueries.search(.init(within: wardAPath, scopes: [city]), page: 1, perPage: 3, on: app.db).total == 4)
            #expect(try await MemberQueries.search(.init(within: city, scopes: [wardAPath]), page: 1, perPage: 3, on: app.db).total == 4)
            #expect(try await MemberQueries.search(.init(within: wardAPath, scopes: [wardBPath]), page: 1, perPage: 3, on: app.db).total == 0)
            #expect(try await MemberQueries.search(.init(scopes: [wardAPath, wardBPath]), page: 1, perPage: 3, on: app.db).total == all.total)
            #expect(wardA.pageCount == 2)
            let second = try await MemberQueries.search(.init(within: try await app.unit(tree.wardA).treePath), page: 2, perPage: 3, on: app.db)
            #expect(second.items.count == 1)
            #expect(Set(wardA.items.map(\.id) + second.items.map(\.id)).count == 4)
        }
    }
}
