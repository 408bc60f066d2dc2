import Fluent
import LamTheoCore
import Plot
import Vapor

/// The officers' page where a site's editor chooses which of a campaign's figures the site shows: the campaign's
/// figures for the site's unit as checkboxes, "Công bố" and "Thôi công bố".
enum CampaignPublicationPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CampaignPublicationRoute.publication(.key), use: show).requiring(.capability(.publish))
        routes.post(CampaignPublicationRoute.publication(.key), use: save).requiring(.capability(.publish))
    }

    /// The form's fields: the chosen keys, and which button was pressed.
    struct Form: Content {
        var figures: [String]?
        var action: String?
    }

    static func show(request: Request) async throws -> Response {
        let target = try await CampaignPublicationActions.target(try request.id(), request: request)
        return View(target: target, sites: try await CampaignPublicationActions.sites(of: target.campaign, request: request)).response(for: request)
    }

    static func save(request: Request) async throws -> Response {
        let target = try await CampaignPublicationActions.target(try request.id(), request: request)
        let form = try request.content.decode(Form.self)
        let page = CampaignPublicationRoute.publication(.value(target.campaign.requireID())).path(query: [.unit: target.site.organizationId])
        if form.action == "withdraw" {
            try await CampaignPublicationActions.withdraw(target, request: request)
            return request.redirect(to: page, flash: LocalizedText(vi: "Đã thôi công bố kết quả trên \(target.site.title).",
                                                                   en: "The results are no longer shown on \(target.site.title)."))
        }
        do {
            _ = try await CampaignPublicationActions.publish(CampaignPublicationInput(figures: form.figures), target, request: request)
        } catch let error as DomainError where error.kind == .invalid {
            let sites = try await CampaignPublicationActions.sites(of: target.campaign, request: request)
            return View(target: target, sites: sites).response(for: request, errors: error.fieldErrors, status: .unprocessableEntity)
        }
        return request.redirect(to: page, flash: LocalizedText(vi: "Đã công bố kết quả trên \(target.site.title).", en: "Published on \(target.site.title)."))
    }

    struct View: PageView {
        let target: CampaignPublicationActions.Target
        let sites: [PublicSite]

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields
            let campaign = target.campaign, site = target.site
            let chosen = Set(target.publication?.figureKeys ?? [])
            let figures = target.section?.figures ?? []
            let page = CampaignPublicationRoute.publication(.value(campaign.requireID()))
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(LocalizedText(vi: "Công bố kết quả: \(campaign.title)", en: "Publish the results: \(campaign.title)")(language))),
                .if(sites.count > 1, .p(.text(LocalizedText(vi: "Trang tin: ", en: "Site: ")(language)), .forEach(sites) { other in
                    other.id == site.id ? .strong(.text(other.title + " ")) : .a(.href(page.path(query: [.unit: other.organizationId])), .text(other.title + " "))
                })),
                .p(.text(target.publication.map { publication in
                    LocalizedText(vi: "Đang công bố trên \(site.title) từ \(VietnameseFormat.dateTime(publication.publishedAt)), do \(publication.publishedBy).",
                                  en: "Shown on \(site.title) since \(VietnameseFormat.dateTime(publication.publishedAt)), by \(publication.publishedBy).")(language)
                } ?? LocalizedText(vi: "Chưa công bố trên \(site.title).", en: "Not shown on \(site.title).")(language))),
                figures.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Đợt chưa có số liệu tại \(target.unit.name).", en: "No figures yet at \(target.unit.name).")(language)))
                    : fields.postForm(page.path(query: [.unit: site.organizationId]),
                        .fieldset(.element(named: "legend", text: LocalizedText(vi: "Số liệu công khai trên trang tin", en: "Figures shown on the site")(language)),
                                  .forEach(figures) { figure in
                                      .div(.class("choice"),
                                           .input(.type(.checkbox), .id(figure.key), .name("figures[]"), .value(figure.key),
                                                  .attribute(named: "checked", value: chosen.contains(figure.key) ? "checked" : nil)),
                                           .label(.for(figure.key), .text(figure.title(language) + ": "
                                                                         + DashboardShow.Model.text(language, count: figure.count, total: figure.total))))
                                  },
                                  .forEach(fields.errors(for: "figures")) { .p(.class("field-error"), .text($0)) }),
                        .div(.class("actions"),
                             .button(.type(.submit), .name("action"), .value("publish"), .text(LocalizedText(vi: "Công bố", en: "Publish")(language))),
                             .if(target.publication != nil, .button(.type(.submit), .class("secondary"), .name("action"), .value("withdraw"),
                                                                     .text(LocalizedText(vi: "Thôi công bố", en: "Withdraw")(language)))))),
                .p(.a(.href(CampaignPublicRoute.results(.value(site.slug), id: .value(campaign.requireID())).path),
                      .text(LocalizedText(vi: "Xem trang công khai", en: "See the public page")(language))))
            )
            return Layout(title: LocalizedText(vi: "Công bố kết quả", en: "Publish the results")(language),
                          crumbs: [Crumb(title: campaign.title, url: CoverageRoute.campaign(.value(campaign.requireID())).path),
                                   Crumb(title: site.title, url: nil)],
                          content: content)
        }
    }
}
