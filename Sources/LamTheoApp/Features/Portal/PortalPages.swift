import Fluent
import LamTheoCore
import Plot
import Vapor

/// The unit's public site settings in the members' app, which administrators and the unit's managers keep.
enum PortalPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PortalRoute.site, use: siteForm).requiring(.capability(.restructure))
        routes.post(PortalRoute.site, use: saveSite).requiring(.capability(.restructure))
    }

    // MARK: The site's settings

    static func siteForm(request: Request) async throws -> Response {
        let unit = try await managedUnit(request)
        return PortalSiteEdit.View(model: try await model(of: unit, on: request.reads)).response(for: request)
    }

    struct SiteForm: Content {
        var slug: String?
        var title: String?
        var tagline: String?
        var addressLine: String?
        var isPublished: Bool?
    }

    static func saveSite(request: Request) async throws -> Response {
        let unit = try await managedUnit(request)
        let form = try request.content.decode(SiteForm.self)
        let input = PortalSiteInput(slug: form.slug, title: form.title, tagline: form.tagline, addressLine: form.addressLine,
                                    isPublished: form.isPublished ?? false)
        let existing = try await PortalSite.query(on: request.reads).filter(\.$organizationId == unit.requireID()).first()
        do {
            let site = try await request.write(AuditSubject(existing == nil ? "public-site.create" : "public-site.update", PortalSite.self,
                                                            id: existing?.id)) { db in
                try await PortalSiteCommands.save(input, unit: unit, on: db)
            }
            try await request.application.publicPagesChanged()
            return request.redirect(to: PortalRoute.site.path(query: [.unit: unit.requireID()]),
                                    flash: LocalizedText(vi: "Đã lưu trang tin \(site.slug).", en: "Site \(site.slug) saved."))
        } catch let error as DomainError where error.kind != .notFound {
            return PortalSiteEdit.View(model: try await model(of: unit, on: request.reads))
                .response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: PortalSiteEdit.form, form), status: .unprocessableEntity)
        }
    }

    /// The `unit=` of the request, which the caller manages (restructure there).
    private static func managedUnit(_ request: Request) async throws -> Organization {
        let unit = try await request.readableUnit()
        try request.require(.restructure, at: unit.treePath)
        return unit
    }

    private static func model(of unit: Organization, on db: any Database) async throws -> PortalSiteEdit.Model {
        let site = try await PortalSite.query(on: db).filter(\.$organizationId == unit.requireID()).first()
        return PortalSiteEdit.Model(unitId: unit.requireID(), unitName: unit.name, slug: site?.slug, title: site?.title, tagline: site?.tagline,
                                    addressLine: site?.addressLine, isPublished: site?.isPublished ?? false)
    }
}
