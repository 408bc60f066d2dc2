import Fluent
import LamTheoCore
import SQLKit

// A subtree is read as the range `path >= p AND path < p~`, which a plain B-tree index serves on both
// databases (a `LIKE 'p%'` does not: DESIGN.md, "Facts about the stack"). Written once, here.

extension SQLQueryString {
    /// `column` within `subtree`, parenthesised: `WHERE \(column: "m.organization_path", in: unit.treePath)`.
    mutating func appendInterpolation(column: String, in subtree: TreePath) {
        appendInterpolation("(\(unsafeRaw: column) >= \(bind: subtree.rawValue) AND \(unsafeRaw: column) < \(bind: subtree.upperBound))" as SQLQueryString)
    }
}

extension QueryBuilder {
    /// Rows whose path `field` lies within `subtree`. Like Fluent's own filters, used inside groups for its effect.
    @discardableResult
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, in subtree: TreePath) -> Self {
        filter(field >= subtree.rawValue).filter(field < subtree.upperBound)
    }
}

extension QueryBuilder {
    /// Rows whose path lies in any of the given subtrees: how every list is limited to the caller's scope.
    /// No subtrees at all means no rows.
    @discardableResult
    func withinAny(_ subtrees: [TreePath], _ path: KeyPath<Model, FieldProperty<Model, String>>) -> Self {
        guard !subtrees.isEmpty else { return filter(path == "\u{0}") }
        return group(.or) { any in
            for subtree in subtrees {
                any.group(.and) { $0.filter(path, in: subtree) }
            }
        }
    }
}
