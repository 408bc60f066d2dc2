import LamTheoCore
import Plot

extension ReminderOverview {
    static let title = LocalizedText(vi: "Nhắc việc, đôn đốc", en: "Reminders")
    /// The name of the schedule form, which the page shows again when refused.
    static let ruleForm = "rule"

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(ReminderOverview.title(language)) · \(model.unitName)")),
                .h2(.text(LocalizedText(vi: "Lịch nhắc đang áp dụng", en: "Schedules in force")(language))),
                schedules(context),
                .if(model.canEdit, ruleForm(context)),
                .h2(.id("upcoming"), .text(LocalizedText(vi: "Sẽ gửi ngày \(model.day.vietnamese)", en: "To be sent on \(model.day.vietnamese)")(language))),
                .form(.class("stack"), .method(.get), .action(NotificationRoute.reminders.path),
                      .input(.type(.hidden), .name("unit"), .value(String(model.unitId))),
                      .div(.label(.for("day"), .text(LocalizedText(vi: "Xem ngày", en: "Day")(language))),
                           .input(.id("day"), .name("day"), .type(.date), .value(model.day.iso))),
                      .div(.class("actions"), .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Xem", en: "Show")(language))))),
                upcoming(language),
                .h2(.id("sent"), .text(LocalizedText(vi: "Đã gửi", en: "Sent")(language))),
                sent(language),
                .if(model.sent.pageCount > 1, Pager(model.sent) {
                    NotificationRoute.reminders.path(query: [.unit: model.unitId, "day": model.day.iso, "page": $0], fragment: "sent")
                }.node(language)),
                .if(!model.failedAddresses.isEmpty, failedAddresses(language))
            )
            return Layout(title: ReminderOverview.title(language), crumbs: [Crumb(title: model.unitName, url: nil)], content: content)
        }

        private func schedules(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            return .ul(.class("cards"), .forEach(model.schedules) { entry in
                .li(.strong(.text(entry.title(language))),
                    .p(.text(entry.schedule.wording(language))),
                    .p(.class("muted"), .text(origin(entry)(language))),
                    .unwrap(entry.ownRuleId.flatMap { model.canEdit ? $0 : nil }) { id in
                        context.fields.postButton(NotificationRoute.ruleRemoval(.value(id)).path(query: [.unit: model.unitId]),
                                                  LocalizedText(vi: "Bỏ lịch riêng, dùng lịch cấp trên", en: "Remove, use the schedule from above"))
                    })
            })
        }

        private func origin(_ entry: Model.Schedule) -> LocalizedText {
            if entry.ownRuleId != nil { return LocalizedText(vi: "Lịch riêng của đơn vị này", en: "This unit's own schedule") }
            if let unit = entry.setBy { return LocalizedText(vi: "Do \(unit) đặt", en: "Set by \(unit)") }
            return LocalizedText(vi: "Lịch mặc định", en: "The default schedule")
        }

        private func ruleForm(_ context: PageContext) -> Node<HTML.BodyContext> {
            let language = context.language
            let fields = context.fields(for: ReminderOverview.ruleForm)
            let first = model.schedules.first
            return .div(.class("panel"), .id("rule"),
                .h3(.text(LocalizedText(vi: "Đặt lịch nhắc riêng cho \(model.unitName)", en: "Set \(model.unitName)'s own schedule")(language))),
                .p(.class("muted"), .text(LocalizedText(vi: "Áp dụng cho các việc của đơn vị này và các đơn vị trực thuộc chưa đặt lịch riêng.",
                                                        en: "Applies to the items of this unit and of the units below that have no schedule of their own.")(language))),
                fields.summary,
                fields.postForm(NotificationRoute.rules.path(query: [.unit: model.unitId]),
                    fields.select("kind", LocalizedText(vi: "Loại việc", en: "Kind"), options: model.schedules.map { ($0.kind, $0.title(language)) },
                                  selected: first?.kind, required: true),
                    fields.text("daysBefore", LocalizedText(vi: "Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)", en: "Remind before (days, separated by commas)"),
                                value: first?.schedule.daysBeforeText, hint: LocalizedText(vi: "Ví dụ: 7, 1", en: "E.g. 7, 1")),
                    fields.checkbox("onTheDay", LocalizedText(vi: "Nhắc đúng ngày hạn", en: "Remind on the day"), checked: first?.schedule.onTheDay ?? true),
                    fields.text("repeatEvery", LocalizedText(vi: "Quá hạn: nhắc lại sau mỗi (ngày; 0 là không nhắc)", en: "Late: remind again every (days; 0 for never)"),
                                value: first.map { String($0.schedule.repeatEvery) }, type: .number),
                    fields.text("escalateAfter", LocalizedText(vi: "Báo cấp trên khi quá hạn (ngày; 0 là không báo)", en: "Tell the level above when late by (days; 0 for never)"),
                                value: first.map { String($0.schedule.escalateAfter) }, type: .number),
                    fields.text("escalateAgainAfter", LocalizedText(vi: "Báo cấp trên nữa sau thêm (ngày; 0 là không báo)", en: "Tell the next level after (more days; 0 for never)"),
                                value: first.map { String($0.schedule.escalateAgainAfter) }, type: .number),
                    fields.submit(LocalizedText(vi: "Lưu lịch nhắc", en: "Save the schedule"))))
        }

        private func upcoming(_ language: UILanguage) -> Node<HTML.BodyContext> {
            guard !model.upcoming.isEmpty else {
                return .group(.p(.class("muted"), .text(LocalizedText(vi: "Không có nhắc việc nào vào ngày này.", en: "No reminders on this day.")(language))),
                              partialNote(language))
            }
            let headers = [LocalizedText(vi: "Việc", en: "Item"), LocalizedText(vi: "Đơn vị", en: "Unit"), LocalizedText(vi: "Hạn", en: "Due"),
                           LocalizedText(vi: "Lần nhắc", en: "Step"), LocalizedText(vi: "Người nhận", en: "Recipients")].map { $0(language) }
            return .group(
                .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                    .tbody(.forEach(model.upcoming) { row in
                        .tr(.td(.attribute(named: "data-label", value: headers[0]), .span(.class("muted"), .text(row.kind(language) + ": ")),
                                .a(.href(row.link), .text(row.title(language)))),
                            .td(.attribute(named: "data-label", value: headers[1]), .text(row.unit)),
                            .td(.attribute(named: "data-label", value: headers[2]), .text(row.dueOn.vietnamese)),
                            .td(.attribute(named: "data-label", value: headers[3]), .text(row.step.label(language))),
                            .td(.attribute(named: "data-label", value: headers[4]), .text(NumberFormat(language).integer(row.recipients))))
                    }))),
                .if(model.upcomingCut, .p(.class("muted"), .text(LocalizedText(vi: "Chỉ hiện \(ReminderOverview.Query.previewLimit) việc đầu tiên.",
                                                                              en: "Only the first \(ReminderOverview.Query.previewLimit) items are shown.")(language)))),
                partialNote(language))
        }

        /// Said when the preview read only the first items of each kind (a unit high in the tree).
        private func partialNote(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .if(model.upcomingPartial, .p(.class("muted"), .text(LocalizedText(
                vi: "Đơn vị lớn: chỉ xem trước trong \(NumberFormat(.vi).integer(ReminderEngine.previewReadLimit)) tài khoản hoặc việc đầu tiên của mỗi loại; khi chạy, nhắc việc xét tất cả.",
                en: "A large unit: the preview reads the first \(NumberFormat(.en).integer(ReminderEngine.previewReadLimit)) accounts or items of each kind; the run reads them all.")(language))))
        }

        private func sent(_ language: UILanguage) -> Node<HTML.BodyContext> {
            guard !model.sent.items.isEmpty else {
                return .p(.class("muted"), .text(LocalizedText(vi: "Chưa gửi nhắc việc nào.", en: "No reminders sent yet.")(language)))
            }
            let headers = [LocalizedText(vi: "Nội dung", en: "Message"), LocalizedText(vi: "Người nhận", en: "Recipient"),
                           LocalizedText(vi: "Ngày", en: "Day"), LocalizedText(vi: "Thư điện tử", en: "E-mail"), LocalizedText(vi: "Đã đọc", en: "Read")]
                .map { $0(language) }
            return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(headers) { .th(.text($0)) })),
                .tbody(.forEach(model.sent.items) { row in
                    .tr(.td(.attribute(named: "data-label", value: headers[0]), .text(row.title(language))),
                        .td(.attribute(named: "data-label", value: headers[1]), .text(row.recipient)),
                        .td(.attribute(named: "data-label", value: headers[2]), .text(row.createdOn.vietnamese)),
                        .td(.attribute(named: "data-label", value: headers[3]), .text(row.email.label(language))),
                        .td(.attribute(named: "data-label", value: headers[4]),
                            .text(row.isRead ? LocalizedText(vi: "Đã đọc", en: "Read")(language) : LocalizedText(vi: "Chưa đọc", en: "Unread")(language))))
                })))
        }

        private func failedAddresses(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .group(
                .h2(.id("failed"), .text(LocalizedText(vi: "Địa chỉ thư bị từ chối", en: "Refused e-mail addresses")(language))),
                .ul(.class("cards"), .forEach(model.failedAddresses) { entry in
                    .li(.strong(.text(entry.user)), .text(" · \(entry.email)"), .p(.class("muted"), .text(entry.failure)))
                }))
        }
    }
}

extension ReminderStep {
    var label: LocalizedText {
        switch self {
        case .before(let days): return LocalizedText(vi: "Trước \(days) ngày", en: "\(days) day\(days == 1 ? "" : "s") before")
        case .due: return LocalizedText(vi: "Đúng hạn", en: "On the day")
        case .late(let days): return LocalizedText(vi: "Quá hạn \(days) ngày", en: "\(days) day\(days == 1 ? "" : "s") late")
        }
    }
}

extension ReminderSchedule {
    /// "Nhắc trước 7 và 1 ngày; đúng hạn; quá hạn nhắc lại mỗi 3 ngày; báo cấp trên sau 5 ngày quá hạn, cấp trên nữa sau thêm 10 ngày."
    func wording(_ language: UILanguage) -> String {
        var parts: [LocalizedText] = []
        if !daysBefore.isEmpty {
            let days = daysBefore.map(String.init)
            parts.append(LocalizedText(vi: "Nhắc trước \(days.joined(separator: ", ")) ngày", en: "Remind \(days.joined(separator: ", ")) days before"))
        }
        if onTheDay { parts.append(LocalizedText(vi: "đúng ngày hạn", en: "on the day")) }
        if repeatEvery > 0 { parts.append(LocalizedText(vi: "quá hạn nhắc lại mỗi \(repeatEvery) ngày", en: "every \(repeatEvery) days when late")) }
        if escalateAfter > 0 {
            parts.append(LocalizedText(vi: "báo cấp trên sau \(escalateAfter) ngày quá hạn", en: "the level above is told after \(escalateAfter) days late"))
        }
        if escalateAgainAfter > 0 {
            parts.append(LocalizedText(vi: "cấp trên nữa sau thêm \(escalateAgainAfter) ngày", en: "the next level after \(escalateAgainAfter) more days"))
        }
        let text = parts.map { $0(language) }.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}
