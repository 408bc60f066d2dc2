import LamTheoCore
import Testing

@Suite("Access rules")
struct AccessRulesTests {
    let city = TreePath.root(id: 1)
    var wardA: TreePath { city.appending(id: 2) }
    var wardB: TreePath { city.appending(id: 3) }
    var cellA: TreePath { wardA.appending(id: 4) }

    func actor(_ grants: Grant...) -> Actor {
        Actor(userId: 1, username: "u", displayName: "U", grants: grants)
    }

    @Test("each officer level adds to the one below, only inside its subtree")
    func officerLevels() {
        for level in OfficerLevel.allCases {
            let officer = actor(Grant(role: .officer, scope: wardA, level: level))
            #expect(officer.can(.read, at: wardA))
            #expect(officer.can(.read, at: cellA))
            #expect(!officer.can(.read, at: city), "the committee above is outside")
            #expect(!officer.can(.read, at: wardB), "a sibling is outside")
            #expect(officer.can(.edit, at: cellA) == (level >= .editor))
            #expect(officer.can(.restructure, at: cellA) == (level == .manager))
            #expect(officer.can(.delegate, at: cellA) == (level == .manager))
            #expect(!officer.can(.edit, at: wardB))
        }
    }

    @Test("a secretary reads and edits their cell only; a member has no tree rights; an administrator has all")
    func otherRoles() {
        let secretary = actor(Grant(role: .secretary, scope: cellA))
        #expect(secretary.can(.edit, at: cellA))
        #expect(!secretary.can(.restructure, at: cellA))
        #expect(!secretary.can(.read, at: wardA))
        let member = actor(Grant(role: .member, memberId: 9))
        #expect(Capability.allCases.allSatisfy { !member.canSomewhere($0) })
        #expect(member.memberId == 9)
        #expect(member.readableSubtrees == [])
        let admin = actor(Grant(role: .administrator))
        #expect(Capability.allCases.allSatisfy { admin.can($0, at: wardB) })
        #expect(admin.readableSubtrees == nil)
    }

    @Test("readable subtrees keep only the outermost of nested scopes")
    func readableSubtrees() {
        let officer = actor(Grant(role: .officer, scope: wardA, level: .viewer), Grant(role: .secretary, scope: cellA),
                            Grant(role: .officer, scope: wardB, level: .editor), Grant(role: .officer, scope: wardA, level: .editor))
        #expect(officer.readableSubtrees == [wardA, wardB].sorted())
        #expect(officer.can(.edit, at: cellA))
        #expect(!officer.can(.restructure, at: cellA))
    }
}
