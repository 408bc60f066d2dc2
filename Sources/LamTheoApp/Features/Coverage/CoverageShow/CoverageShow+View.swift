import LamTheoCore
import Plot

extension CoverageShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let campaign = model.campaign
            let unit = model.unit
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(campaign.title), campaign.badges(language)),
                .dl(.class("facts"),
                    .dt(.text(LocalizedText(vi: "Văn bản", en: "Document")(language))),
                    .dd(.unwrap(model.document, { .a(.href(DocumentRoute.show(.value(model.documentId)).path), .text("\($0.symbol) · \($0.title)")) },
                                else: .text("#\(model.documentId)"))),
                    .dt(.text(LocalizedText(vi: "Thời gian", en: "Period")(language))), .dd(.text(campaign.period)),
                    .unwrap(model.reflectionDueOn) { due in .group(
                        .dt(.text(LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflections due")(language))), .dd(.text(due.vietnamese))) },
                    .dt(.text(LocalizedText(vi: "Xem tại", en: "Showing")(language))),
                    .dd(.forEach(model.lineage.enumerated().map { $0 }) { index, step in
                        .group(.if(index > 0, .text(" › ")),
                               step.id == unit.id ? .strong(.text(step.name)) : .a(.href(unitLink(step.id)), .text(step.name)))
                    })),
                .h2(.text(UnitWording.whole(unit.name, isCell: model.isCell)(language))),
                figures(model.subtree, linked: true, language: language),
                .if(!model.moreFigures.isEmpty, .div(.class("figures"), .forEach(model.moreFigures) { figure in
                    figureTile(figure.title, figure.total.map { CoverageFigure(count: figure.count, total: $0).text(language, counting: Self.members) }
                                   ?? figure.count.map { NumberFormat(language).integer($0) } ?? CoverageFigure.notReported(language),
                               link: figure.link, language: language)
                })),
                model.isCell ? ownObligations(language) : obligationTable(model.subtree.obligations, language: language),
                .if(model.showsOwn, .group(
                    .h2(.text(LocalizedText(vi: "Của riêng \(unit.name)", en: "\(unit.name) itself")(language))),
                    ownFigures(language),
                    ownObligations(language))),
                .if(!model.children.isEmpty, childTable(language)),
                .h2(.text(LocalizedText(vi: "Yêu cầu đối với các cấp", en: "What each level must do")(language))),
                model.requirements.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Không giao nhiệm vụ cho cấp dưới.", en: "No obligations for the units below.")(language)))
                    : .ul(.forEach(model.requirements) { requirement in
                        .li(.text("\(requirement.title) · " + LocalizedText(vi: "hạn ", en: "due ")(language)
                                  + requirement.dueOn.vietnamese))
                    }),
                .if(model.canPublish, .p(.a(.class("button secondary"), .href(CampaignPublicationRoute.publication(.value(campaign.id)).path),
                                            .text(LocalizedText(vi: "Công bố kết quả trên trang tin…", en: "Publish the results on the site…")(language))))),
                .if(model.canClose, .p(.a(.class("button secondary"), .href(CampaignRoute.edit(.value(campaign.id)).path),
                                          .text(LocalizedText(vi: "Sửa thời gian, hạn nộp", en: "Change dates and deadlines")(language))))),
                // Closing cannot be undone: it asks first, on a page of its own.
                .if(model.canClose, .p(.a(.class("button danger"), .href(CampaignRoute.close(.value(campaign.id)).path),
                                          .text(LocalizedText(vi: "Kết thúc đợt triển khai…", en: "Close the campaign…")(language)))))
            )
            return Layout(title: campaign.title, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path),
                                                          Crumb(title: unit.name, url: nil)],
                          content: .group(content, AuditPages.historySection(model.changes, language: language)))
        }

        /// The campaign's page at another unit, in the same order when `sort` is given.
        private func unitLink(_ unit: Int, sort: LaggingOrder? = nil) -> String {
            CoverageRoute.campaign(.value(model.campaign.id)).path(query: [.unit: unit, "sort": sort?.rawValue])
        }

        /// The unit's obligations with `status` (all of them when nil), in its subtree.
        private func obligationsLink(_ unit: Int, status: ObligationStatus?) -> String {
            CampaignRoute.obligations(.value(model.campaign.id)).path(query: [.unit: unit, "status": status?.rawValue])
        }

        /// What the members' figures are out of: "30/2.180 đảng viên (1,4%)".
        private static let members = LocalizedText(vi: "đảng viên", en: "members")

        /// - Parameter linked: each figure links to the members it counts (the subtree's figures do), and the members'
        ///   tile says how many of the cells below have reported (a cell's own figures need not).
        private func figures(_ coverage: Coverage, linked: Bool, language: UILanguage) -> Node<HTML.BodyContext> {
            let numbers = NumberFormat(language)
            let memberLink = { (list: CoverageMemberList) in
                linked ? CoverageRoute.members(campaign: .value(model.campaign.id)).path(query: [.unit: model.unit.id, "list": list.rawValue]) : nil
            }
            let reporting = linked && !model.isCell ? UnitWording.reporting(coverage.reportingUnits, of: coverage.unitsWithMembers, language: language) : nil
            return .div(.class("figures"),
                figureTile(LocalizedText(vi: "Đảng viên", en: "Members"), numbers.integer(coverage.members), link: nil, note: reporting, language: language),
                figureTile(LocalizedText(vi: "Đã học tập", en: "Studied"), coverage.studied.text(language, counting: Self.members),
                           link: coverage.studied.isReported ? memberLink(.studied) : nil, language: language),
                .unwrap(coverage.studied.isReported ? memberLink(.notStudied) : nil) {
                    .div(.class("figure"), .a(.href($0), .text(LocalizedText(vi: "Ai chưa học tập?", en: "Who has not studied?")(language))))
                },
                figureTile(LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted"), coverage.reflectionsSubmitted.text(language, counting: Self.members),
                           link: coverage.reflectionsSubmitted.isReported ? memberLink(.reflected) : nil, language: language),
                figureTile(LocalizedText(vi: "Bài thu hoạch đạt", en: "Reflections accepted"), coverage.reflectionsAccepted.text(language, counting: Self.members),
                           link: coverage.reflectionsAccepted.isReported ? memberLink(.accepted) : nil, language: language),
                figureTile(LocalizedText(vi: "Buổi học tập đã tổ chức", en: "Study sessions held"),
                           coverage.reportingUnits == 0 && coverage.sessionsHeld == 0 ? CoverageFigure.notReported(language) : numbers.integer(coverage.sessionsHeld),
                           link: nil, language: language))
        }

        /// A committee's own figures: members seldom (they are on its cells' rolls), sessions it held itself often.
        private func ownFigures(_ language: UILanguage) -> Node<HTML.BodyContext> {
            if model.own.members > 0 { return figures(model.own, linked: false, language: language) }
            guard model.own.sessionsHeld > 0 else { return .empty }
            return .div(.class("figures"), figureTile(LocalizedText(vi: "Buổi học tập do cấp này tổ chức", en: "Study sessions it held itself"),
                                                      NumberFormat(language).integer(model.own.sessionsHeld), link: nil, language: language))
        }

        /// The unit's own obligations, each with its due date and standing.
        private func ownObligations(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .if(!model.ownObligations.isEmpty, .group(
                .if(model.isCell, .h2(.text(LocalizedText(vi: "Nhiệm vụ của \(model.unit.name)", en: "Obligations of \(model.unit.name)")(language)))),
                .ul(.forEach(model.ownObligations) { obligation in
                    .li(.a(.href(CampaignRoute.obligation(.value(obligation.id)).path), .text(obligation.requirementTitle)),
                        .text(" · " + obligation.standing.dueText + " · " + obligation.standing.statusText(language)))
                })))
        }

        private func obligationTable(_ tally: ObligationTally, language: UILanguage) -> Node<HTML.BodyContext> {
            guard tally.total > 0 else {
                return .p(.class("muted"), .text(LocalizedText(vi: "Không có nhiệm vụ nào của cấp dưới.", en: "No obligations below.")(language)))
            }
            let unit = model.unit.id
            let numbers = NumberFormat(language)
            let maxDaysLate = numbers.integer(tally.maxDaysLate)
            return .group(
                .h2(.text(LocalizedText(vi: "Nhiệm vụ của các đơn vị", en: "Units' obligations")(language))),
                .div(.class("figures"),
                     figureTile(LocalizedText(vi: "Hoàn thành", en: "Met"), tally.done.text(language, counting: LocalizedText(vi: "nhiệm vụ", en: "obligations")),
                                link: obligationsLink(unit, status: .accepted), language: language),
                     .forEach(ObligationStatus.counted.filter { $0 != .accepted && tally[$0] > 0 }) { status in
                         figureTile(status.label, numbers.integer(tally[status]), link: obligationsLink(unit, status: status),
                                    note: status == .late ? LocalizedText(vi: "chậm nhất \(maxDaysLate) ngày", en: "up to \(maxDaysLate) days")(language) : nil,
                                    language: language)
                     },
                     figureTile(LocalizedText(vi: "Tất cả", en: "All"), numbers.integer(tally.total), link: obligationsLink(unit, status: nil), language: language)))
        }

        private func childTable(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let order = model.order
            let columns: [(LaggingOrder?, String)] = [
                (nil, LocalizedText(vi: "Đơn vị", en: "Unit")(language)),
                (.studied, LocalizedText(vi: "Đảng viên đã học tập", en: "Members studied")(language)),
                (.reflected, LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted")(language)),
                (.accepted, LocalizedText(vi: "Bài thu hoạch đạt", en: "Reflections accepted")(language)),
                (.obligationsDone, LocalizedText(vi: "Nhiệm vụ hoàn thành", en: "Obligations met")(language)),
                (.late, LocalizedText(vi: "Trễ hạn", en: "Late")(language)),
                (.daysLate, LocalizedText(vi: "Chậm nhất (ngày)", en: "Most days late")(language)),
            ]
            return .group(
                .h2(.text(LocalizedText(vi: "Đơn vị trực thuộc — chậm nhất trước, theo “\(order.label.vi.lowercased())”",
                                        en: "Units under it — furthest behind first, by “\(order.label.en.lowercased())”")(language))),
                .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.forEach(columns) { column, title in
                        .th(.unwrap(column, { sort in
                            sort == order ? .strong(.text(title + " ▲")) : .a(.href(unitLink(model.unit.id, sort: sort)), .text(title))
                        }, else: .text(title)))
                    })),
                    .tbody(.forEach(model.children) { child in
                        let coverage = child.coverage
                        return .tr(
                            .td(.attribute(named: "data-label", value: columns[0].1), .a(.href(unitLink(child.unit.id)), .text(child.unit.name))),
                            .td(.attribute(named: "data-label", value: columns[1].1), .text(coverage.studied.text(language))),
                            .td(.attribute(named: "data-label", value: columns[2].1), .text(coverage.reflectionsSubmitted.text(language))),
                            .td(.attribute(named: "data-label", value: columns[3].1), .text(coverage.reflectionsAccepted.text(language))),
                            .td(.attribute(named: "data-label", value: columns[4].1), .text(coverage.obligations.done.text(language))),
                            .td(.class("num"), .attribute(named: "data-label", value: columns[5].1),
                                .unwrap(coverage.obligations[.late] > 0 ? coverage.obligations[.late] : nil, { late in
                                    .a(.href(obligationsLink(child.unit.id, status: .late)), .text(NumberFormat(language).integer(late)))
                                }, else: .text("0"))),
                            .td(.class("num"), .attribute(named: "data-label", value: columns[6].1), .text(NumberFormat(language).integer(coverage.obligations.maxDaysLate))))
                    })))
            )
        }
    }
}
