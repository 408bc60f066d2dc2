import Fluent
import LamTheoCore

/// A site as its form sends it.
struct PortalSiteInput: Sendable {
    var slug: String?
    var title: String?
    var tagline: String?
    var addressLine: String?
    var isPublished: Bool
}

/// Writes of a committee's public site: one site per unit, created or changed by the same command.
enum PortalSiteCommands {
    static let slugLabel = LocalizedText(vi: "Địa chỉ trang (slug)", en: "Address (slug)")

    /// Creates the unit's site or changes it.
    static func save(_ input: PortalSiteInput, unit: Organization, on db: any Database) async throws -> PortalSite {
        let unitId = unit.requireID()
        var validator = Validator()
        let slug = (input.slug ?? "").trimmingCharacters(in: .whitespaces)
        validator.check(isSlug(slug), "slug", LocalizedText(
            vi: "\(slugLabel.vi) gồm 3–60 chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ ben-thanh)",
            en: "\(slugLabel.en) is 3–60 lowercase letters a-z, digits and hyphens (for example ben-thanh)"))
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên trang", en: "Site title"), maxLength: 200)
        let tagline = validator.optionalText(input.tagline, field: "tagline", label: LocalizedText(vi: "Khẩu hiệu", en: "Tagline"), maxLength: 300)
        let addressLine = validator.optionalText(input.addressLine, field: "addressLine", label: LocalizedText(vi: "Địa chỉ liên hệ", en: "Address line"),
                                                 maxLength: 300)
        validator.check(unit.isActive, "organizationId", LocalizedText(vi: "\(unit.name) đã đóng", en: "\(unit.name) is closed"))
        try validator.throwIfInvalid()
        let site = try await PortalSite.query(on: db).filter(\.$organizationId == unitId).first() ?? PortalSite()
        if try await PortalSite.query(on: db).filter(\.$slug == slug).filter(\.$organizationId != unitId).count() > 0 {
            throw DomainError.conflict(field: "slug", LocalizedText(vi: "Địa chỉ \(slug) đã có trang khác dùng", en: "Another site uses the address \(slug)"))
        }
        site.organizationId = unitId
        site.slug = slug
        site.title = title
        site.tagline = tagline
        site.addressLine = addressLine
        site.isPublished = input.isPublished
        try await site.save(on: db)
        return site
    }

    /// Lowercase a-z, digits and single inner hyphens, 3 to 60 characters.
    static func isSlug(_ text: String) -> Bool {
        (3...60).contains(text.count) && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
    }
}
