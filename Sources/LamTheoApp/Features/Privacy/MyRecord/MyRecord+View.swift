import LamTheoCore
import Plot

extension MyRecord {
    /// The correction form's name, and the id of its heading (where sending it returns).
    static let correctionForm = "correction"

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields
            let correction = context.fields(for: MyRecord.correctionForm)
            let facts: [(LocalizedText, String)] = [
                (LocalizedText(vi: "Chi bộ", en: "Cell"), model.cell),
                (LocalizedText(vi: "Số thẻ đảng viên", en: "Party card number"), model.cardNumber),
                (LocalizedText(vi: "Ngày sinh", en: "Date of birth"), VietnameseFormat.day(model.birthDate)),
                (LocalizedText(vi: "Ngày vào Đảng", en: "Admitted"), VietnameseFormat.day(model.admittedOn)),
                (LocalizedText(vi: "Ngày chính thức", en: "Full member since"), VietnameseFormat.day(model.fullMemberOn)),
                (LocalizedText(vi: "Tình trạng", en: "Status"), model.status.label(language)),
                (LocalizedText(vi: "Số CCCD", en: "ID number"), model.idNumber ?? "—"),
                (LocalizedText(vi: "Điện thoại", en: "Phone"), model.phone ?? "—"),
                (LocalizedText(vi: "Địa chỉ", en: "Address"), model.address ?? "—"),
            ]
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(model.fullName)),
                // A refused form's messages (the pledge's or the correction's), each linking to its field.
                fields.summary,
                .dl(.class("facts"), .forEach(facts) { fact in .group(.dt(.text(fact.0(language))), .dd(.text(fact.1))) }),
                CommitmentPages.ownSection(model.commitments, context: context),
                reflections(language),
                .p(.a(.class("button"), .href(StudyRoute.myReflections.path), .text(LocalizedText(vi: "Bài thu hoạch của tôi", en: "My reflections")(language)))),
                ratings(language),
                .p(.a(.class("button secondary"), .href(PrivacyRoute.myDataFile.path),
                      .text(LocalizedText(vi: "Tải về toàn bộ dữ liệu của tôi (JSON)", en: "Download all my data (JSON)")(language)))),
                .h2(.id(MyRecord.correctionForm), .text(LocalizedText(vi: "Đề nghị sửa thông tin", en: "Ask for a correction")(language))),
                correction.postForm(PrivacyRoute.myCorrections.path,
                    correction.textArea("text", LocalizedText(vi: "Thông tin nào chưa đúng, cần sửa thế nào?", en: "What is wrong, and what should it be?"), value: nil),
                    correction.submit(LocalizedText(vi: "Gửi bí thư chi bộ", en: "Send to the secretary")))
            )
            return Layout(title: model.fullName, content: content)
        }

        /// The member's ratings: the level decided for each period, or that none is decided yet.
        private func ratings(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .group(
                .h2(.text(LocalizedText(vi: "Đánh giá, xếp loại", en: "Ratings")(language))),
                .if(!model.ratings.isEmpty, .ul(.forEach(model.ratings) { rating in
                    .li(.text(rating.period + " · "
                              + (rating.level.map { $0.label(language) } ?? LocalizedText(vi: "chưa có quyết định", en: "not decided yet")(language))))
                })),
                .p(.a(.class("button"), .href(RatingRoute.mine.path), .text(LocalizedText(vi: "Đánh giá của tôi", en: "My ratings")(language)))))
        }

        /// The member's reflections (bài thu hoạch), newest first, with the cell's review.
        private func reflections(_ language: UILanguage) -> Node<HTML.BodyContext> {
            guard !model.reflections.isEmpty else { return .empty }
            return .group(
                .h2(.text(LocalizedText(vi: "Bài thu hoạch", en: "Reflections")(language))),
                .ul(.forEach(model.reflections) { reflection in
                    .li(.a(.href(StudyRoute.myReflection(campaign: .value(reflection.campaignId)).path), .text(reflection.campaignTitle)),
                        .text(" · " + reflection.state.label(language) + (reflection.grade.map { " · \($0)" } ?? "")))
                }))
        }
    }
}
