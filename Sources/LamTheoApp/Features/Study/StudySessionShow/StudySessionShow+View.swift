import LamTheoCore
import Plot

extension StudySessionShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let id = model.id
            let number = NumberFormat(language).integer
            let summary = model.attendance
            let points = model.bridgePoints
            let nameTitle = LocalizedText(vi: "Điểm cầu", en: "Bridge point")(language)
            let countTitle = LocalizedText(vi: "Số người dự", en: "Attendees")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(model.title)),
                .dl(.class("facts"),
                    .dt(.text(LocalizedText(vi: "Đơn vị tổ chức", en: "Held by")(language))),
                    .dd(.a(.href(OrganizationRoute.show(.value(model.unit.id)).path), .text(model.unit.name))),
                    .dt(.text(LocalizedText(vi: "Ngày", en: "Date")(language))), .dd(.text(model.heldOn.vietnamese)),
                    .dt(.text(LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language))), .dd(.text(model.campaignTitle ?? "—")),
                    .dt(.text(LocalizedText(vi: "Hình thức", en: "Format")(language))), .dd(.text(model.format.label(language))),
                    .dt(.text(LocalizedText(vi: "Báo cáo viên", en: "Presenter")(language))), .dd(.text(model.presenter ?? "—")),
                    .dt(.text(LocalizedText(vi: "Văn bản học tập", en: "Documents studied")(language))),
                    .dd(model.documents.isEmpty ? .text("—") : .ul(.forEach(model.documents) { .li(.strong(.text($0.symbol)), .text(" — \($0.title)")) })),
                    .dt(.text(LocalizedText(vi: "Người ngoài Đảng dự", en: "Non-member attendees")(language))), .dd(.text(number(model.nonMemberAttendees)))),
                .div(.class("figures"),
                     .div(.class("figure"), .strong(.text(number(summary.present))), .text(AttendanceStatus.present.label(language))),
                     .div(.class("figure"), .strong(.text(number(summary.absent))), .text(AttendanceStatus.absent.label(language))),
                     .div(.class("figure"), .strong(.text(number(summary.excused))), .text(AttendanceStatus.excused.label(language))),
                     // An online conference's delegates count beside the members marked.
                     .if(!points.isEmpty, .div(.class("figure"), .strong(.text(number(points.reduce(0) { $0 + $1.attendeeCount }))),
                                               .text(LocalizedText(vi: "Đại biểu tại \(number(points.count)) điểm cầu",
                                                                   en: "Delegates at \(number(points.count)) bridge points")(language))))),
                .if(model.canEdit, .div(.class("actions"),
                    .a(.class("button"), .href(StudyRoute.attendance(.value(id)).path), .text(LocalizedText(vi: "Điểm danh", en: "Take attendance")(language))),
                    .a(.class("button secondary"), .href(StudyRoute.editSession(.value(id)).path), .text(LocalizedText(vi: "Sửa", en: "Edit")(language))),
                    // Deleting asks first, on a page of its own that says what goes with the session.
                    .a(.class("button danger"), .href(StudyRoute.deleteSession(.value(id)).path),
                       .text(LocalizedText(vi: "Xóa buổi học tập", en: "Delete the session")(language))))),
                .if(!points.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Điểm cầu", en: "Bridge points")(language))),
                    .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(
                        .thead(.tr(.th(.text(nameTitle)), .th(.class("num"), .text(countTitle)))),
                        .tbody(.forEach(points) { .tr(.td(.text($0.name)), .td(.class("num"), .text(number($0.attendeeCount)))) }),
                        .tfoot(.tr(.th(.text(LocalizedText(vi: "Tổng cộng \(points.count) điểm cầu", en: "Total, \(points.count) bridge points")(language))),
                                   .th(.class("num"), .text(number(points.reduce(0) { $0 + $1.attendeeCount }))))))))),
                .h2(.text(LocalizedText(vi: "Điểm danh", en: "Attendance")(language))),
                model.marks.isEmpty ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa điểm danh.", en: "No attendance taken yet.")(language)))
                    : .ul(.forEach(model.marks) { mark in
                        .li(.a(.href(MemberRoute.show(.value(mark.memberId)).path), .text(mark.fullName)),
                            .text(": " + (mark.status.map { $0.label(language) + (mark.reason.map { " (\($0))" } ?? "") } ?? "")))
                    }),
                AuditPages.historySection(model.changes, language: language)
            )
            return Layout(title: model.title, crumbs: OrganizationPages.crumbs(model.lineage, current: model.title, language: language), content: content)
        }
    }
}
