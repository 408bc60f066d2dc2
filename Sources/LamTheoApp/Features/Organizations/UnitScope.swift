import Fluent
import LamTheoCore
import Vapor

extension Request {
    /// A `unit=` subtree filter: the id of a unit the caller may read, resolved to its path. A value that is
    /// not a number is unreadable (400, under the name the request used); a unit the caller cannot read is
    /// refused like one that does not exist.
    func subtreeFilter(on db: any Database) async throws -> TreePath? {
        guard let id = try queryInteger(.unit) else { return nil }
        guard let unit = try await Organization.find(id, on: db), try requireActor().can(.read, at: unit.treePath) else {
            throw DomainError.invalid(field: QueryName.unit.name, LocalizedText(vi: "Không tìm thấy tổ chức đảng \(id)", en: "No organisation \(id)"))
        }
        noteLentReading(at: unit.treePath)
        return unit.treePath
    }
}
