import Fluent
import LamTheoCore
import Vapor

extension DemoData {
    /// Citizens' feedback sent to the city committee, through the same commands as the public form: a petition answered
    /// on time and published, one past its deadline still unanswered (the dashboard's overdue figure, a late reminder),
    /// and one received today and forwarded to the demo ward.
    static func createFeedback(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await Feedback.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let ward = try await wards(under: city, on: db).first else { return }
        let demo = DemoWriter(app: app)
        let store = FeedbackActions.files(app)
        func send(_ input: FeedbackInput, on day: CalendarDate) async throws -> Int {
            try await demo.write("feedback.submit", Feedback.self) {
                try await FeedbackCommands.submit(input, to: city, code: FeedbackCode.make(), store: store, today: day, on: $0)
            }.requireID()
        }
        let answered = try await send(FeedbackInput(
            topic: FeedbackTopic.environment.rawValue, content: "Đề nghị khơi thông cống thoát nước hẻm 45 đường Nguyễn Trãi, mỗi lần mưa nước ngập đến nửa mét.",
            senderName: "Trần Văn Bình", senderPhone: "0903 456 789", consentsToPublish: true), on: today.adding(days: -12))
        let answer = FeedbackAnswerInput(answer: "Đảng ủy phường đã chỉ đạo khơi thông cống hẻm 45 ngày \(today.adding(days: -6).vietnamese); tổ dân phố theo dõi sau mỗi trận mưa.")
        _ = try await demo.write("feedback.answer", Feedback.self, id: answered) {
            try await FeedbackCommands.answer(answered, answer, by: "Văn phòng Thành ủy", today: today.adding(days: -6), on: $0)
        }
        _ = try await demo.write("feedback.publish", Feedback.self, id: answered) {
            try await FeedbackCommands.publish(answered, by: "Văn phòng Thành ủy", today: today.adding(days: -5), on: $0)
        }
        let overdue = try await send(FeedbackInput(
            topic: FeedbackTopic.administration.rawValue, content: "Hồ sơ xin xác nhận của gia đình tôi nộp đã hơn một tháng chưa có kết quả, đề nghị xem xét.",
            senderName: "Lê Thị Mai", senderEmail: "le.thi.mai@example.vn", consentsToPublish: false), on: today.adding(days: -20))
        _ = try await demo.write("feedback.acknowledge", Feedback.self, id: overdue) {
            try await FeedbackCommands.acknowledge(overdue, by: "Văn phòng Thành ủy", today: today.adding(days: -19), on: $0)
        }
        let fresh = try await send(FeedbackInput(
            topic: FeedbackTopic.partyBuilding.rawValue, content: "Góp ý: nên tổ chức buổi học tập chuyên đề vào tối thứ Bảy để người đi làm tham dự được.",
            senderPhone: "0912 000 111", consentsToPublish: true), on: today)
        _ = try await demo.write("feedback.forward", Feedback.self, id: fresh) {
            try await FeedbackCommands.forward(fresh, FeedbackForwardInput(organizationId: ward.id, note: "Đảng ủy phường nghiên cứu, trả lời"),
                                               by: "Văn phòng Thành ủy", today: today, on: $0)
        }
    }
}
