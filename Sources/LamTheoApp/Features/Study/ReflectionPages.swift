import Fluent
import LamTheoCore
import Plot
import Vapor

/// Reflections on the web: a cell's page for a campaign (who submitted, who has not, the review forms),
/// submission on a member's behalf, and the member's own page under `/me`.
enum ReflectionPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(StudyRoute.reflections, use: cell).requiring(.capability(.read))
        routes.get(StudyRoute.newReflection, use: newForm).requiring(.capability(.edit))
        routes.post(StudyRoute.newReflection, bodyLimit: AttachmentType.uploadLimit, use: submitForMember).requiring(.capability(.edit))
        routes.post(StudyRoute.reviewReflection(.key), use: review).requiring(.capability(.edit))
        routes.post(StudyRoute.reflectionExtensions, use: extend).requiring(.capability(.edit))
        // The author reads their own file; others need to read at the author's cell.
        routes.get(StudyRoute.reflectionFile(.key), use: file).requiring(.signedIn)
        routes.get(StudyRoute.myReflections, use: own).requiring(.selfService)
        routes.get(StudyRoute.myReflection(campaign: .key), use: ownForm).requiring(.selfService)
        routes.post(StudyRoute.myReflection(campaign: .key), bodyLimit: AttachmentType.uploadLimit, use: submitOwn).requiring(.selfService)
    }

    struct SubmissionForm: Content {
        var memberId: Int?
        var campaignId: Int?
        var body: String?
        var file: File?
    }

    // MARK: A cell's reflections

    /// A refused form of the cell's page, shown again with its messages: a review (of the reflection `id`) or an extension.
    private enum Refused {
        case review(id: Int, form: ReflectionReviewInput, errors: [FieldError])
        case extension_(form: ExtensionForm, errors: [FieldError])
    }

    /// The cell's extension form: the member chosen, or none for the whole cell.
    struct ExtensionForm: Content {
        var campaignId: Int?
        var cellId: Int?
        var memberId: String?
        var until: String?
        var reason: String?

        var input: ReflectionExtensionInput {
            let member = memberId.flatMap { Int($0) }
            return ReflectionExtensionInput(campaignId: campaignId, organizationId: member == nil ? cellId : nil, memberId: member, until: until, reason: reason)
        }
    }

    static func cell(request: Request) async throws -> Response {
        guard let cellId = try request.queryInteger(.unit) else { throw Abort(.notFound) }
        return try await renderCell(cellId, campaignId: try request.queryInteger(.campaign), refused: nil, request: request)
    }

    static func extend(request: Request) async throws -> Response {
        let form = try request.content.decode(ExtensionForm.self)
        guard let cellId = form.cellId else { throw Abort(.notFound) }
        do {
            let granted = try await StudyActions.extendReflections(form.input, request: request)
            let who = try await granted.memberId.asyncMap { try await MemberQueries.require($0, on: request.reads).fullName }
            let whom = who.map { LocalizedText(vi: $0, en: $0) } ?? LocalizedText(vi: "cả chi bộ", en: "the whole cell")
            return request.redirect(to: StudyRoute.reflections.path(query: [.unit: cellId, .campaign: granted.campaignId], fragment: "extensions"),
                                    flash: LocalizedText(vi: "Đã gia hạn nộp bài thu hoạch cho \(whom.vi) đến \(granted.until.vietnamese)",
                                                         en: "Reflections extended for \(whom.en) until \(granted.until.vietnamese)"))
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            return try await renderCell(cellId, campaignId: form.campaignId, refused: .extension_(form: form, errors: error.fieldErrors), request: request)
        }
    }

    static func review(request: Request) async throws -> Response {
        let id = try request.id()
        let reflection = try await StudyActions.requireReflection(id, .edit, request: request)
        let member = try await MemberQueries.require(reflection.memberId, on: request.reads)
        let form = try request.content.decode(ReflectionReviewInput.self)
        do {
            let reviewed = try await StudyActions.reviewReflection(id, form, request: request)
            let note = reviewed.state == .accepted
                ? LocalizedText(vi: "Đã chấp nhận bài thu hoạch của \(member.fullName)" + (reviewed.grade.map { ", xếp loại \($0)." } ?? "."),
                                en: "The reflection of \(member.fullName) accepted" + (reviewed.grade.map { ", graded \($0)." } ?? "."))
                : LocalizedText(vi: "Đã trả lại bài thu hoạch của \(member.fullName) để sửa và nộp lại.",
                                en: "The reflection of \(member.fullName) returned for revision.")
            return request.redirect(to: StudyRoute.reflections.path(query: [.unit: member.organizationId, .campaign: reflection.campaignId],
                                                                        fragment: "member-\(member.requireID())"), flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            // The review form's fields carry the reflection's id: the page holds one form per reflection.
            let errors = error.fieldErrors.map { FieldError(field: "\($0.field == "comment" ? "comment" : "grade")-\(id)", message: $0.message) }
            return try await renderCell(member.organizationId, campaignId: reflection.campaignId, refused: .review(id: id, form: form, errors: errors),
                                        request: request)
        }
    }

    /// - Parameter refused: a review or an extension that was refused, shown again with its messages.
    private static func renderCell(_ cellId: Int, campaignId: Int?, refused: Refused?, request: Request) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let cell = try await OrganizationQueries.require(cellId, on: request.reads)
        try request.require(.read, at: cell.treePath)
        let canEdit = actor.can(.edit, at: cell.treePath)
        let lineage = try await OrganizationQueries.lineage(of: cell, readableBy: actor, on: request.reads)
        let campaigns = try await CampaignQueries.active(covering: cell, on: request.reads)
        let campaign = campaigns.first { $0.id == campaignId } ?? campaigns.first
        let entries = try await campaign.asyncMap { try await StudyQueries.reflections(of: $0.requireID(), in: cell, on: request.reads) } ?? []
        let extensions = try await campaign.asyncMap {
            try await StudyQueries.reflectionExtensions(of: $0.requireID(), reaching: cell.treePath, members: entries.map { $0.member.requireID() }, on: request.reads)
        } ?? []
        let submitted = entries.filter { $0.reflection != nil }.count
        let accepted = entries.filter { $0.reflection?.state == .accepted }.count
        let heading = LocalizedText(vi: "Bài thu hoạch", en: "Reflections")(language)
        let title = "\(heading) · \(cell.name)"

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .form(.class("inline"), .method(.get), .action(StudyRoute.reflections.path),
                  .input(.type(.hidden), .name(QueryName.unit.name), .value(String(cellId))),
                  .div(.label(.for("campaign"), .text(LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language))),
                       StudyPages.campaignSelect(campaigns, selected: campaign?.id, language: language)),
                  .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Xem", en: "Show")(language)))),
            .unwrap(campaign, { campaign in
                let cellDeadline = MemberDeadline(campaign, extensions: extensions, member: nil)
                return .group(
                    .div(.class("figures"),
                         .div(.class("figure"), .strong(.text(CoverageFigure(count: submitted, total: entries.count).text(language))),
                              .text(LocalizedText(vi: "đã nộp", en: "submitted")(language))),
                         .div(.class("figure"), .strong(.text(CoverageFigure(count: accepted, total: entries.count).text(language))),
                              .text(LocalizedText(vi: "đạt", en: "accepted")(language)))),
                    .p(.text(cellDeadline.text(language) + " · " + lateWorkText(campaign, language))),
                    .forEach(entries) { entry in
                        memberBlock(entry, campaign: campaign, extensions: extensions, canEdit: canEdit, refused: refused, request: request)
                    },
                    extensionSection(campaign, cell: cell, entries: entries, extensions: extensions, canEdit: canEdit, refused: refused, request: request))
            }, else: .p(.class("muted"), .text(LocalizedText(vi: "Chi bộ không tham gia đợt triển khai nào đang diễn ra.",
                                                              en: "The cell takes part in no active campaign.")(language))))
        )
        return Layout(title: title, crumbs: OrganizationPages.crumbs(lineage[...], current: heading, language: language), content: content)
            .response(for: request, status: refused == nil ? .ok : .unprocessableEntity)
    }

    private static func memberBlock(_ entry: ReflectionEntry, campaign: Campaign, extensions: [ReflectionExtension], canEdit: Bool,
                                    refused: Refused?, request: Request) -> Node<HTML.BodyContext> {
        let language = request.language
        let memberId = entry.member.requireID()
        let deadline = MemberDeadline(campaign, extensions: extensions, member: memberId)
        // The member's own extension, beside their name (the cell's is said once above).
        let ownExtension: Node<HTML.BodyContext> = .if(extensions.contains { $0.memberId == memberId } && deadline.extensionUntil != nil,
                                                       .p(.class("muted"), .text(deadline.text(language))))
        guard let reflection = entry.reflection else {
            return .section(.class("reflection"), .id("member-\(memberId)"),
                .h3(.text(entry.member.fullName)),
                ownExtension,
                .p(.span(.class("badge closed"), .text(LocalizedText(vi: "Chưa nộp", en: "Not submitted")(language))),
                   .if(canEdit, .a(.href(StudyRoute.newReflection.path(query: ["member": memberId, .campaign: campaign.requireID()])),
                                   .text(" " + LocalizedText(vi: "Nộp thay", en: "Submit on their behalf")(language))))))
        }
        let id = reflection.requireID()
        let failed: (form: ReflectionReviewInput, errors: [FieldError])? = if case .review(id, let form, let errors)? = refused { (form, errors) } else { nil }
        let fields = FormFields(request, errors: failed?.errors ?? [])
        return .section(.class("reflection"), .id("member-\(memberId)"),
            .h3(.text(entry.member.fullName)),
            ownExtension,
            reflectionView(reflection, language: language),
            .if(canEdit && reflection.state == .submitted, .group(
                fields.summary,
                fields.postForm(StudyRoute.reviewReflection(.value(id)).path,
                    .fieldset(.id("grade-\(id)"),
                        .element(named: "legend", text: LocalizedText(vi: "Mức đánh giá (khi chấp nhận)", en: "Grade (when accepting)")(language)),
                        .forEach(campaign.grades) { grade in
                            .div(.class("choice"),
                                 .input(.type(.radio), .name("grade"), .value(grade), .id("grade-\(id)-\(grade)"), .checked(failed?.form.grade == grade),
                                        .attribute(named: "aria-invalid", value: fields.errors(for: "grade-\(id)").isEmpty ? nil : "true")),
                                 .label(.for("grade-\(id)-\(grade)"), .text(grade)))
                        },
                        .forEach(fields.errors(for: "grade-\(id)")) { .p(.class("field-error"), .text($0)) }),
                    fields.textArea("comment-\(id)", LocalizedText(vi: "Nhận xét (bắt buộc khi trả lại)", en: "Comment (required to return)"),
                                    value: failed?.form.comment, rows: 3, named: "comment"),
                    .div(.class("actions"),
                         .button(.type(.submit), .name("decision"), .value(ReflectionDecision.accept.rawValue), .text(LocalizedText(vi: "Chấp nhận", en: "Accept")(language))),
                         .button(.type(.submit), .class("secondary"), .name("decision"), .value(ReflectionDecision.return.rawValue),
                                 .text(LocalizedText(vi: "Trả lại để sửa", en: "Return for revision")(language)))))))
        )
    }

    /// The extensions given (to the cell, a unit above it, or its members) and, for an editor, the form that gives one.
    private static func extensionSection(_ campaign: Campaign, cell: Organization, entries: [ReflectionEntry], extensions: [ReflectionExtension],
                                         canEdit: Bool, refused: Refused?, request: Request) -> Node<HTML.BodyContext> {
        let language = request.language
        guard campaign.reflectionDueOn != nil, canEdit || !extensions.isEmpty else { return .empty }
        let failed: (form: ExtensionForm, errors: [FieldError])? = if case .extension_(let form, let errors)? = refused { (form, errors) } else { nil }
        let fields = FormFields(request, errors: failed?.errors ?? [])
        let names = Dictionary(uniqueKeysWithValues: entries.map { ($0.member.requireID(), $0.member.fullName) })
        let unitName = LocalizedText(vi: "đơn vị", en: "a unit")(language)
        return .section(.id("extensions"),
            .h2(.text(LocalizedText(vi: "Gia hạn nộp bài thu hoạch", en: "Deadline extensions")(language))),
            .if(!extensions.isEmpty, .ul(.forEach(extensions) { granted in
                let whom = granted.memberId.flatMap { names[$0] }
                    ?? (granted.organizationId == cell.id ? LocalizedText(vi: "cả chi bộ", en: "the whole cell")(language) : unitName)
                return .li(.text(LocalizedText(vi: "\(whom): đến \(granted.until.vietnamese) — \(granted.reason)",
                                               en: "\(whom): until \(granted.until.vietnamese) — \(granted.reason)")(language)))
            })),
            .if(canEdit, .group(
                fields.summary,
                fields.postForm(StudyRoute.reflectionExtensions.path,
                    .input(.type(.hidden), .name("campaignId"), .value(String(campaign.requireID()))),
                    .input(.type(.hidden), .name("cellId"), .value(String(cell.requireID()))),
                    fields.select("memberId", LocalizedText(vi: "Gia hạn cho", en: "Extend for"),
                                  options: [("", LocalizedText(vi: "Cả chi bộ", en: "The whole cell")(language))]
                                      + entries.map { (String($0.member.requireID()), $0.member.fullName) },
                                  selected: failed?.form.memberId),
                    fields.text("until", LocalizedText(vi: "Đến ngày", en: "Until"), value: failed?.form.until, required: true,
                                hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                    fields.text("reason", LocalizedText(vi: "Lý do", en: "Reason"), value: failed?.form.reason, required: true),
                    fields.submit(LocalizedText(vi: "Gia hạn", en: "Extend")))))
        )
    }

    // MARK: Submitting

    static func newForm(request: Request) async throws -> Response {
        try await renderSubmission(SubmissionForm(memberId: try request.queryInteger("member"), campaignId: try request.queryInteger(.campaign)),
                                   errors: [], request: request)
    }

    static func submitForMember(request: Request) async throws -> Response {
        let form = try request.content.decode(SubmissionForm.self)
        guard let memberId = form.memberId else { throw Abort(.notFound) }
        do {
            let reflection = try await StudyActions.submitReflection(campaign: form.campaignId, member: memberId, body: form.body,
                                                                     file: ReflectionUpload(form.file), request: request)
            let member = try await MemberQueries.require(memberId, on: request.reads)
            return request.redirect(to: StudyRoute.reflections.path(query: [.unit: member.organizationId, .campaign: form.campaignId],
                                                                        fragment: "member-\(memberId)"), flash: submitted(reflection, for: member.fullName))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderSubmission(form, errors: error.fieldErrors, request: request)
        }
    }

    private static func renderSubmission(_ form: SubmissionForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        guard let memberId = form.memberId, let campaignId = form.campaignId else { throw Abort(.notFound) }
        let member = try await MemberActions.requireMember(memberId, .edit, request: request)
        let campaign = try await CampaignQueries.require(campaignId, on: request.reads)
        let deadline = try await StudyQueries.reflectionDeadline(in: campaign, for: member, on: request.reads)
        let existing = try await StudyQueries.reflection(of: memberId, campaign: campaignId, on: request.reads)
        let title = LocalizedText(vi: "Nộp bài thu hoạch thay \(member.fullName)", en: "Submit a reflection for \(member.fullName)")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(campaign.title + " · " + deadline.text(language))),
            deadlineNotice(deadline, existing: existing?.state, language: language),
            submissionForm(StudyRoute.newReflection.path, form: form, errors: errors, request: request,
                           hidden: [("memberId", String(memberId)), ("campaignId", String(campaignId))])
        )
        return Layout(title: title, content: content).response(for: request, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: The member's own

    static func own(request: Request) async throws -> Response {
        let language = request.language
        let (member, campaigns) = try await StudyAPI.ownCampaigns(request)
        let reflections = try await StudyQueries.reflections(of: member.requireID(), on: request.reads)
        let title = LocalizedText(vi: "Bài thu hoạch của tôi", en: "My reflections")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            campaigns.isEmpty ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có đợt học tập nào.", en: "No campaign yet.")(language)))
                : .ul(.forEach(campaigns) { campaign in
                    let reflection = reflections[campaign.requireID()]
                    return .li(.a(.href(StudyRoute.myReflection(campaign: .value(campaign.requireID())).path), .text(campaign.title)),
                               .text(" — " + (reflection.map { $0.state.label(language) } ?? LocalizedText(vi: "chưa nộp", en: "not submitted")(language))
                                     + (reflection?.late == true ? LocalizedText(vi: ", nộp muộn", en: ", sent late")(language) : "")))
                })
        )
        return Layout(title: title, content: content).response(for: request)
    }

    static func ownForm(request: Request) async throws -> Response {
        try await renderOwn(SubmissionForm(), errors: [], request: request)
    }

    static func submitOwn(request: Request) async throws -> Response {
        let form = try request.content.decode(SubmissionForm.self)
        let campaignId = try request.id("campaign")
        do {
            // Always the caller's own record, whatever the form says.
            let member = try await request.ownMember()
            let reflection = try await StudyActions.submitReflection(campaign: campaignId, member: member.requireID(), body: form.body,
                                                                     file: ReflectionUpload(form.file), request: request)
            return request.redirect(to: StudyRoute.myReflection(campaign: .value(campaignId)).path, flash: submitted(reflection, for: nil))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderOwn(form, errors: error.fieldErrors, request: request)
        }
    }

    private static func renderOwn(_ form: SubmissionForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let (member, campaigns) = try await StudyAPI.ownCampaigns(request)
        let campaignId = try request.id("campaign")
        guard let campaign = campaigns.first(where: { $0.id == campaignId }) else { throw Abort(.notFound) }
        let reflection = try await StudyQueries.reflection(of: member.requireID(), campaign: campaignId, on: request.reads)
        let deadline = try await StudyQueries.reflectionDeadline(in: campaign, for: member, on: request.reads)
        let mayWrite = reflection == nil || reflection?.state == .returned
        var form = form
        form.body = form.body ?? reflection?.body
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(campaign.title)),
            .p(.text(deadline.text(language))),
            .if(mayWrite, deadlineNotice(deadline, existing: reflection?.state, language: language)),
            .p(.class("muted"), .text(LocalizedText(vi: "Thang đánh giá: ", en: "Grading scale: ")(language) + campaign.grades.joined(separator: ", "))),
            .unwrap(reflection) { reflectionView($0, language: language) },
            .if(mayWrite, submissionForm(StudyRoute.myReflection(campaign: .value(campaignId)).path, form: form, errors: errors, request: request, hidden: []))
        )
        return Layout(title: campaign.title, crumbs: [Crumb(title: LocalizedText(vi: "Bài thu hoạch của tôi", en: "My reflections")(language), url: StudyRoute.myReflections.path),
                                                      Crumb(title: campaign.title, url: nil)],
                      content: content).response(for: request, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: The file

    static func file(request: Request) async throws -> Response {
        let reflection = try await StudyActions.requireReflection(request.id(), .read, request: request)
        guard let key = reflection.fileKey else { throw Abort(.notFound) }
        return try request.application.documentFiles.download(key, named: reflection.fileName ?? "bai-thu-hoach",
                                                               mediaType: reflection.fileType ?? "application/octet-stream")
    }

    // MARK: Shared parts

    /// A reflection as its author and reviewers read it: state, text, file and review.
    private static func reflectionView(_ reflection: Reflection, language: UILanguage) -> Node<HTML.BodyContext> {
        .div(
            .p(.span(.class("badge"), .text(reflection.state.label(language))),
               .if(reflection.late, .group(.text(" "), .span(.class("badge closed"), .text(LocalizedText(vi: "Nộp muộn", en: "Sent late")(language))))),
               .text(" " + LocalizedText(vi: "Lần nộp \(reflection.submissionCount), ngày \(reflection.submittedOn.vietnamese)",
                                         en: "Submission \(reflection.submissionCount), on \(reflection.submittedOn.vietnamese)")(language))),
            .unwrap(reflection.body) { body in
                .details(.summary(.text(LocalizedText(vi: "Nội dung bài thu hoạch", en: "The reflection")(language))),
                         .forEach(body.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) })
            },
            .unwrap(reflection.fileName) { name in
                .p(.a(.href(StudyRoute.reflectionFile(.value(reflection.requireID())).path), .text(name)))
            },
            .unwrap(reflection.grade) { .p(.strong(.text(LocalizedText(vi: "Xếp loại: ", en: "Grade: ")(language) + $0))) },
            .unwrap(reflection.reviewComment) { comment in
                .p(.text(LocalizedText(vi: "Nhận xét của chi bộ: ", en: "The cell's comment: ")(language) + comment))
            }
        )
    }

    /// "Đã nộp bài thu hoạch (lần 2), nộp muộn; chi bộ sẽ xem xét." — `member` when sent on their behalf.
    private static func submitted(_ reflection: Reflection, for member: String?) -> LocalizedText {
        let late = reflection.late ? LocalizedText(vi: ", nộp muộn", en: ", late") : LocalizedText(vi: "", en: "")
        return LocalizedText(vi: "Đã nộp bài thu hoạch" + (member.map { " thay \($0)" } ?? "") + " (lần \(reflection.submissionCount))\(late.vi); chi bộ sẽ xem xét.",
                             en: "Reflection sent" + (member.map { " for \($0)" } ?? "") + " (submission \(reflection.submissionCount))\(late.en); the cell will review it.")
    }

    private static func submissionForm(_ action: String, form: SubmissionForm, errors: [FieldError], request: Request,
                                       hidden: [(String, String)]) -> Node<HTML.BodyContext> {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        return .group(
            fields.summary,
            fields.postForm(action, .enctype(.multipartData),
                .forEach(hidden) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
                .forEach(fields.errors(for: "campaignId") + fields.errors(for: "memberId")) { .p(.class("field-error"), .text($0)) },
                .div(.label(.for("body"), .text(LocalizedText(vi: "Nội dung (tối đa 20.000 ký tự)", en: "Text (at most 20,000 characters)")(language))),
                     .textarea(.id("body"), .name("body"), .rows(12), .text(form.body ?? ""),
                               .attribute(named: "aria-invalid", value: fields.errors(for: "body").isEmpty ? nil : "true")),
                     .forEach(fields.errors(for: "body")) { .p(.class("field-error"), .text($0)) }),
                .div(.label(.for("file"), .text(LocalizedText(vi: "Hoặc tải tệp lên (PDF, DOCX)", en: "Or upload a file (PDF, DOCX)")(language))),
                     .input(.id("file"), .name("file"), .type(.file), .attribute(named: "accept", value: ".pdf,.docx"),
                            .attribute(named: "aria-invalid", value: fields.errors(for: "file").isEmpty ? nil : "true")),
                     .forEach(fields.errors(for: "file")) { .p(.class("field-error"), .text($0)) }),
                fields.submit(LocalizedText(vi: "Nộp bài", en: "Submit")))
        )
    }

    /// Whether late work is taken, as the cell's page says beside the deadline.
    private static func lateWorkText(_ campaign: Campaign, _ language: UILanguage) -> String {
        campaign.acceptsLateWork ? LocalizedText(vi: "bài nộp sau hạn được nhận, ghi là nộp muộn", en: "reflections after the deadline are taken, marked late")(language)
                                 : LocalizedText(vi: "không nhận bài nộp sau hạn", en: "no reflection is taken after the deadline")(language)
    }

    /// Said before the member writes, when their deadline is today or has passed.
    private static func deadlineNotice(_ deadline: MemberDeadline, existing: ReflectionState?, language: UILanguage) -> Node<HTML.BodyContext> {
        .unwrap(deadline.rule.notice(after: existing, on: CalendarDate.today())) { notice in
            .p(.class("notice"), .text(notice(language)))
        }
    }
}
