import LamTheoCore
import Testing

@Suite("Tree paths")
struct TreePathTests {
    @Test("paths nest, and the subtree range holds exactly the descendants")
    func ranges() throws {
        let root = TreePath.root(id: 1)
        let child = root.appending(id: 36)
        let sibling = root.appending(id: 360)
        #expect(child.rawValue == "/1/10/")
        #expect(child.ids == [1, 36])
        #expect(child.depth == 1)
        #expect(child.parent == root)
        #expect(root.contains(child))
        #expect(!child.contains(sibling), "10 is a prefix of a0 only as text; the slash keeps them apart")
        // The range [p, p~) contains descendants and nothing else, compared as bytes.
        #expect(child.rawValue <= child.appending(id: 5).rawValue && child.appending(id: 5).rawValue < child.upperBound)
        #expect(!(sibling.rawValue >= child.rawValue && sibling.rawValue < child.upperBound))
        #expect(TreePath(rawValue: "/1//2/") == nil)
        #expect(TreePath(rawValue: "1/2/") == nil)
    }
}
