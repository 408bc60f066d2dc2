import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The public news sites: the city committee's and its largest ward's, published, with articles in three
    /// categories told as LamTheo's data tells them (the study coverage, the commended model, the briefing), one
    /// scheduled for tomorrow and one draft; and the account `bientap`, editor of every site in the city.
    static func createPortal(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await PortalSite.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let ward = try await wards(under: city, on: db).first else { return }
        let demo = DemoWriter(app: app)
        if try await User.query(on: db).filter(\.$username == "bientap").first() == nil {
            let hasher = app.password.async
            _ = try await demo.write("user.create", User.self) { db in
                let user = try await AccountCommands.createUser(NewUser(username: "bientap", displayName: "Biên tập viên Trang tin", password: password),
                                                                hasher: hasher, on: db)
                _ = try await AccountCommands.grant(NewGrant(role: Role.portalEditor.rawValue, organizationId: city.id), to: user.requireID(), by: nil, on: db)
                return user
            }
        }
        guard let editor = try await User.query(on: db).filter(\.$username == "bientap").first()?.requireID() else { return }
        var sites: [PortalSite] = []
        for (unit, tagline, address) in [(city, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Số 2 Lê Duẩn, phường Sài Gòn"),
                                         (ward, "Tin hoạt động của Đảng bộ và nhân dân phường", "Số 92 Lê Thánh Tôn")] {
            let input = PortalSiteInput(slug: slug(of: unit.name), title: "Trang tin điện tử \(unit.name)", tagline: tagline, addressLine: address, isPublished: true)
            sites.append(try await demo.write("public-site.create", PortalSite.self) { try await PortalSiteCommands.save(input, unit: unit, on: $0) })
        }
        let figures = try await Campaign.query(on: db).filter(\.$organizationId == city.requireID()).sort(\.$id).first()
        let exemplar = try await Exemplar.query(on: db).sort(\.$id).first()
        let briefing = try await Briefing.query(on: db).sort(\.$id).first()
        let stories: [(site: PortalSite, category: ArticleCategory, title: String, summary: String, body: String, link: (ArticleLinkKind, Int?)?, daysAgo: Int?)] = [
            (sites[0], .study, "Học tập và làm theo Bác: 94,5% đảng viên toàn Đảng bộ đã học tập chuyên đề",
             "231.700/245.200 đảng viên đã tham gia học tập, quán triệt chuyên đề năm; các chi bộ chưa tổ chức được nhắc việc hằng tuần.",
             "<p>Theo số liệu tổng hợp đến nay, <strong>231.700/245.200 đảng viên</strong> trong toàn Đảng bộ đã tham gia học tập, quán triệt chuyên đề, đạt <strong>94,5%</strong>.</p><h2>Cách làm</h2><ul><li>Mỗi chi bộ tổ chức hội nghị học tập trực tiếp hoặc trực tuyến có điểm cầu.</li><li>Đảng viên viết bài thu hoạch và đăng ký việc làm theo cụ thể.</li></ul><blockquote><p>Học đi đôi với làm, nói đi đôi với làm.</p></blockquote>",
             figures.map { (.campaign, $0.id) }, 6),
            (sites[0], .activities, "Giao ban chuyên đề quý: 11 lượt ý kiến tham luận của 10 đơn vị",
             "Hội nghị giao ban chuyên đề kết luận các nhiệm vụ trọng tâm; mỗi kết luận giao cho đơn vị phụ trách với thời hạn cụ thể.",
             "<p>Hội nghị giao ban chuyên đề đã nghe <strong>11 lượt ý kiến tham luận của 10 đơn vị</strong>.</p><p>Các kết luận được giao thành nhiệm vụ có thời hạn, theo dõi đến khi hoàn thành.</p>",
             briefing.map { (.briefing, $0.id) }, 3),
            (sites[1], .exemplars, "Khu phố sạch, không rác thải nhựa: mô hình được tặng giấy khen và nhân rộng",
             "Chi bộ vận động từng hộ phân loại rác tại nguồn: từ 35% lên 92% số hộ; các điểm tập kết rác tự phát được xóa bỏ.",
             "<p>Từ việc đảng viên nhận đỡ đầu mỗi người một tổ dân phố, <strong>92% số hộ</strong> đã phân loại rác tại nguồn (trước đây 35%).</p><p>Đảng ủy phường tặng giấy khen và đề nghị hai chi bộ khác nhân rộng.</p>",
             exemplar.map { (.exemplar, $0.id) }, 2),
            (sites[1], .activities, "Đảng ủy phường triển khai kế hoạch học tập chuyên đề năm",
             "Các chi bộ khu phố tổ chức học tập theo lịch; người cao tuổi được học tại nhà văn hóa khu phố.",
             "<p>Đảng ủy phường ban hành kế hoạch, giao các chi bộ tổ chức học tập trong tháng.</p>", nil, 5),
            (sites[1], .announcements, "Lịch tiếp công dân và nhận ý kiến, kiến nghị tháng này",
             "Đảng ủy phường nhận ý kiến, kiến nghị của người dân trực tiếp và qua trang tin.",
             "<p>Người dân có thể gửi ý kiến, kiến nghị trực tiếp tại trụ sở hoặc trên trang tin; mỗi ý kiến được trả lời trong thời hạn quy định.</p>", nil, 1),
            (sites[1], .study, "Sơ kết học tập và làm theo Bác sáu tháng (hẹn đăng)",
             "Bài hẹn giờ đăng: bạn đọc chỉ thấy khi đến giờ.", "<p>Nội dung sơ kết sáu tháng.</p>", nil, -1),
        ]
        var published: [Article] = []
        for story in stories {
            let input = ArticleInput(category: story.category.rawValue, title: story.title, summary: story.summary, body: story.body,
                                     authorName: "Ban Tuyên giáo", linkKind: story.link?.1 == nil ? nil : story.link?.0.rawValue, linkId: story.link?.1)
            let saved = try await demo.write("article.create", Article.self) {
                try await ArticleCommands.save(input, id: nil, site: story.site, by: (editor, "Biên tập viên Trang tin"), on: $0)
            }
            guard let days = story.daysAgo else { continue }
            let when = Date().addingTimeInterval(-Double(days) * 86_400)
            published.append(try await demo.write("article.publish", Article.self, id: saved.id) {
                try await ArticleCommands.publish(saved, at: when, now: min(when, Date()), on: $0)
            })
        }
        try await createComments(on: published[0], demo: demo)
        // The city's campaign's coverage on the city's site ("Kết quả học tập"); its overdue plans stay internal.
        if let campaign = figures?.id, let section = try await CampaignPublications.section(campaign, unit: city, on: db) {
            let coverage = CampaignPublicationInput(figures: section.figures.map(\.key).filter { !$0.hasSuffix("obligations-late") })
            let unit = city.requireID()
            _ = try await demo.write("campaign.publish", CampaignPublication.self) {
                try await CampaignPublications.publish(coverage, campaign: campaign, unit: unit, section: section, by: "Biên tập viên Trang tin", on: $0)
            }
        }
        let wardSite = sites[1]
        let draft = ArticleInput(category: ArticleCategory.activities.rawValue, title: "Bản nháp: tin hội nghị sắp tới", summary: "Chưa đăng.",
                                 body: "<p>Bản nháp.</p>", authorName: "Ban Tuyên giáo")
        _ = try await demo.write("article.create", Article.self) {
            try await ArticleCommands.save(draft, id: nil, site: wardSite, by: (editor, "Biên tập viên Trang tin"), on: $0)
        }
    }

    /// Readers' comments on the city's study article, through the comments' commands: two waiting for a moderator, and one
    /// approved with the editors' official answer.
    private static func createComments(on article: Article, demo: DemoWriter) async throws {
        let comments = [
            CommentInput(authorName: "Nguyễn Văn Bình", authorEmail: "binh.nguyen@example.vn",
                         content: "Chi bộ khu phố tôi học tập trực tuyến qua điểm cầu, người cao tuổi theo dõi dễ. Đề nghị có thêm tài liệu tóm tắt in khổ lớn."),
            CommentInput(authorName: "Trần Thị Mai", authorEmail: "mai.tran@example.vn",
                         content: "Xin hỏi đảng viên đang đi công tác xa có được học bù và nộp bài thu hoạch trực tuyến không?"),
            CommentInput(authorName: "Lê Hoàng Nam", authorEmail: "nam.le@example.vn",
                         content: "Con số 94,5% rất đáng mừng. Các chi bộ chưa tổ chức học tập sẽ được hỗ trợ thế nào?"),
        ]
        var saved: [ArticleComment] = []
        for input in comments {
            saved.append(try await demo.write("comment.submit", ArticleComment.self) { try await CommentCommands.submit(input, on: article, db: $0) })
        }
        let answered = saved[2].requireID()
        _ = try await demo.write("comment.approve", ArticleComment.self, id: answered) { try await CommentCommands.approve(answered, by: "Biên tập viên Trang tin", on: $0) }
        let answer = CommentAnswerInput(answer: "Ban Tuyên giáo nhắc việc hằng tuần các chi bộ chưa tổ chức; báo cáo viên của Đảng bộ về hỗ trợ trực tiếp những nơi còn khó khăn.",
                                        voice: AnswerVoice.editorial.rawValue)
        _ = try await demo.write("comment.answer", ArticleComment.self, id: answered) {
            try await CommentCommands.answer(answered, answer, by: "Biên tập viên Trang tin", on: $0)
        }
    }

    /// "Đảng bộ phường Bến Thành" → "phuong-ben-thanh": the name folded, without the words every committee's name starts with.
    static func slug(of name: String) -> String {
        let words = VietnameseText.searchWords(name)
        let kept = words.starts(with: ["dang", "bo"]) ? Array(words.dropFirst(2)) : words
        return String(kept.joined(separator: "-").prefix(60))
    }
}
