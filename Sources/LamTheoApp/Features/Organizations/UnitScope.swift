import Fluent
import LamTheoCore
import Vapor

extension Request {
    /// A `unit=` subtree filter: the id of a unit the caller may read, resolved to its path.
    func subtreeFilter(on db: any Database) async throws -> TreePath? {
        guard let raw = try queryText(.unit), !raw.isEmpty else { return nil }
        guard let id = Int(raw), let unit = try await Organization.find(id, on: db), try requireActor().can(.read, at: unit.treePath) else {
            throw DomainError.invalid(field: QueryName.unit.name, LocalizedText(vi: "Không tìm thấy tổ chức đảng \(raw)", en: "No organisation \(raw)"))
        }
        return unit.treePath
    }
}
