import Fluent
import LamTheoCore
import Vapor

extension DemoData {
    /// A model of the demo cell (the first cell of the demo ward, where `bithu` is secretary), dated around
    /// `today`: nominated by the cell 60 days ago, verified by the ward 50 days ago, commended with the ward's
    /// giấy khen (decision 15-QĐ/ĐU) 40 days ago, then the ward asks two other cells to replicate it (follow-up
    /// tasks of origin "replication") and both report their results, 20 and 10 days ago.
    static func createExemplars(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await Exemplar.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let ward = try await wards(under: city, on: db).first else { return }
        let cells = try await Organization.query(on: db).filter(\.$parentId == ward.requireID()).filter(\.$memberCount > 0).sort(\.$id).limit(3).all()
        guard cells.count == 3 else { return }
        let demo = DemoWriter(app: app)
        let campaign = try await Campaign.query(on: db).filter(\.$organizationId == city.requireID()).sort(\.$id).first()
        let nomination = ExemplarInput(
            kind: ExemplarKind.model.rawValue, title: "Khu phố sạch, không rác thải nhựa",
            summary: "Chi bộ vận động từng hộ phân loại rác tại nguồn, đổi rác tái chế lấy cây xanh; đảng viên nhận đỡ đầu mỗi người một tổ dân phố.",
            organizationId: cells[0].id, campaignId: campaign?.id, topic: campaign == nil ? "Làm theo Bác về ý thức bảo vệ môi trường" : nil,
            figures: [ExemplarFigureInput(indicator: "Hộ phân loại rác tại nguồn", before: 35, after: 92, unit: "%"),
                      ExemplarFigureInput(indicator: "Điểm tập kết rác tự phát", before: 7, after: 0, unit: "điểm")],
            nominatedOn: today.adding(days: -60).iso)
        let id = try await demo.write("exemplar.nominate", Exemplar.self) {
            try await ExemplarCommands.nominate(nomination, by: "Bí thư \(cells[0].name)", today: today, on: $0)
        }.requireID()
        let verification = ExemplarVerificationInput(note: "Kiểm tra thực tế 6 tổ dân phố, đối chiếu sổ theo dõi của tổ thu gom; ý kiến Ban Công tác Mặt trận khu phố",
                                                     verifiedOn: today.adding(days: -50).iso)
        _ = try await demo.write("exemplar.verify", Exemplar.self, id: id) {
            try await ExemplarCommands.verify(id, verification, by: "Cán bộ Đảng ủy phường", today: today, on: $0)
        }
        // A document is never issued after the real today, even when the demo is filled for a later day.
        let decisionDay = min(today.adding(days: -40), CalendarDate.today())
        let decision = DocumentInput(symbol: "15-QĐ/ĐU", title: "Quyết định tặng giấy khen tập thể có mô hình hay trong học tập và làm theo",
                                     issuedOn: decisionDay.iso, organizationId: ward.id)
        let document = try await demo.write("document.register", Document.self) { try await DocumentCommands.register(decision, on: $0) }.requireID()
        let commendation = CommendationInput(form: CommendationForm.certificate.rawValue, grantingOrganizationId: ward.id, documentId: document,
                                             grantedOn: decisionDay.iso)
        _ = try await demo.write("exemplar.commend", Exemplar.self, id: id) {
            try await ExemplarCommands.commend(id, commendation, by: "Cán bộ Đảng ủy phường", today: today, on: $0)
        }
        let asked = [cells[1], cells[2]]
        let request = ReplicationRequestInput(issuerOrganizationId: ward.id, organizationIds: asked.map(\.id!), responsible: "Bí thư chi bộ",
                                              dueOn: today.adding(days: 30).iso)
        _ = try await demo.write("exemplar.requestReplication", Exemplar.self, id: id) {
            try await ExemplarCommands.requestReplication(id, request, by: "Cán bộ Đảng ủy phường", today: today.adding(days: -35), on: $0)
        }
        let results = [(asked[0], -20, "Áp dụng tại 4 tổ dân phố; 80% hộ phân loại rác, xóa 3 điểm rác tự phát", 80.0),
                       (asked[1], -10, "Áp dụng tại khu phố; 65% hộ phân loại rác sau một tháng", 65.0)]
        for (unit, days, text, share) in results {
            let adoption = AdoptionInput(organizationId: unit.id, adoptedOn: today.adding(days: days).iso, results: text,
                                         figures: [ExemplarFigureInput(indicator: "Hộ phân loại rác tại nguồn", after: share, unit: "%")])
            _ = try await demo.write("exemplar.adopt", Exemplar.self, id: id) {
                try await ExemplarCommands.adopt(id, adoption, by: "Bí thư \(unit.name)", today: today, on: $0)
            }
        }
    }
}
