import LamTheoCore
import Testing

@Suite("Who reads whose commitments")
struct CommitmentVisibilityTests {
    let ward = TreePath.root(id: 1).appending(id: 2)
    var cellA: TreePath { ward.appending(id: 3) }
    var cellB: TreePath { ward.appending(id: 4) }

    func member(_ id: Int) -> Actor {
        Actor(userId: id, username: "m\(id)", displayName: "M", grants: [Grant(role: .member, memberId: id)])
    }

    @Test("a member reads their own and their cell-mates' commitments, nothing else")
    func cellMates() {
        let caller = member(10)
        #expect(caller.readsCommitments(of: CommitmentOwner(memberId: 10, cell: cellA, isOnRoll: true), callerCell: cellA))
        #expect(caller.readsCommitments(of: CommitmentOwner(memberId: 11, cell: cellA, isOnRoll: true), callerCell: cellA))
        #expect(!caller.readsCommitments(of: CommitmentOwner(memberId: 12, cell: cellB, isOnRoll: true), callerCell: cellA), "another cell")
        #expect(!caller.readsCommitments(of: CommitmentOwner(memberId: 11, cell: cellA, isOnRoll: false), callerCell: cellA),
                "a member no longer on the roll")
        #expect(!caller.readsCommitments(of: CommitmentOwner(memberId: 11, cell: cellA, isOnRoll: true), callerCell: nil),
                "a caller who is off the roll")
        #expect(caller.readsCommitments(of: CommitmentOwner(memberId: 10, cell: cellB, isOnRoll: false), callerCell: nil), "always their own")
    }

    @Test("readers at the cell read every member's commitments there")
    func readers() {
        let secretary = Actor(userId: 1, username: "s", displayName: "S", grants: [Grant(role: .secretary, scope: cellA)])
        #expect(secretary.readsCommitments(of: CommitmentOwner(memberId: 11, cell: cellA, isOnRoll: false), callerCell: nil))
        #expect(!secretary.readsCommitments(of: CommitmentOwner(memberId: 12, cell: cellB, isOnRoll: true), callerCell: nil))
        let officer = Actor(userId: 2, username: "o", displayName: "O", grants: [Grant(role: .officer, scope: ward, level: .viewer)])
        #expect(officer.readsCommitments(of: CommitmentOwner(memberId: 12, cell: cellB, isOnRoll: true), callerCell: nil))
    }

    @Test("leaders' titles: heads and deputies, whatever the case and tone marks")
    func leaders() {
        for title in ["Bí thư Chi bộ", "PHÓ BÍ THƯ Đảng ủy phường", "Giám đốc Sở", "Chủ tịch UBND phường", "Thủ trưởng đơn vị", "Phó Giám đốc"] {
            #expect(LeadershipTitle.marksLeader(title), "\(title)")
        }
        for title in ["Chi ủy viên", "Đảng viên", "Ủy viên Ban Thường vụ", "Bí thưa", "Trưởng ban"] {
            #expect(!LeadershipTitle.marksLeader(title), "\(title)")
        }
        #expect(["Bí thư Chi bộ", "GIÁM ĐỐC Sở", "Chủ tịch UBND phường", "Thủ trưởng đơn vị"].allSatisfy(LeadershipTitle.marksHead))
        #expect(!["PHÓ BÍ THƯ Đảng ủy phường", "Phó Giám đốc", "Phó Thủ trưởng", "Chi ủy viên"].contains(where: LeadershipTitle.marksHead))
    }
}
