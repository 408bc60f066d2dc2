import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Ratings: a whole cell on one sheet")
struct RatingSheetEntryTests {
    @Test("the cell proposes for every member at once; one refused row keeps the sheet as typed and writes nothing; the decisions respect the quota",
          arguments: TestBackend.allCases)
    func wholeSheet(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 6)
            let cell = try await app.caller("bithua1", .secretary, scope: setup.tree.cellA1)
            let ward = try await app.caller("phuonga", .officer, scope: setup.tree.wardA, level: .editor)
            let tester = try app.testing()
            let period = setup.period.requireID()
            let address = "/rating-periods/\(period)/sheet/entry?unit=\(setup.tree.cellA1)"
            let (first, second, third) = (setup.members[0], setup.members[1], setup.members[2])

            let page = String(buffer: try await tester.sendRequest(.GET, address + "&step=proposal", headers: cell.web).body)
            #expect(page.contains(#"name="score[\#(first)]""#) && page.contains("Lưu cả bảng"))
            let sheet = String(buffer: try await tester.sendRequest(.GET, "/rating-periods/\(period)/sheet?unit=\(setup.tree.cellA1)", headers: cell.web).body)
            #expect(sheet.contains("/rating-periods/\(period)/sheet/entry?unit=\(setup.tree.cellA1)&amp;step=proposal"))

            // One row out of range: nothing is written, and every typed value comes back.
            let steps = try await app.rowCount("rating_steps")
            let events = try await app.rowCount("audit_events")
            let refused = try await tester.sendRequest(.POST, address, headers: cell.web) {
                try $0.content.encode(cell.form(["step": "proposal", "score[\(first)]": "85", "explanation[\(first)]": "Gương mẫu",
                                                 "score[\(second)]": "150", "score[\(third)]": "72"]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            let body = String(buffer: refused.body)
            #expect(body.contains("Điểm phải từ 0 đến 100"))
            #expect(body.contains(#"value="150""#) && body.contains(#"value="Gương mẫu""#) && body.contains(#"value="72""#))
            #expect(try await app.rowCount("rating_steps") == steps)
            #expect(try await app.rowCount("audit_events") == events)

            let saved = try await tester.sendRequest(.POST, address, headers: cell.web) {
                try $0.content.encode(cell.form(["step": "proposal", "score[\(first)]": "95", "explanation[\(first)]": "Gương mẫu",
                                                 "score[\(second)]": "92", "score[\(third)]": "72", "score[\(setup.members[3])]": ""]), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(try await app.rowCount("rating_steps") == steps + 3)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "rating.proposal").count() == 3, "one event per step, as the one-member form")
            // Sent again unchanged: nothing new.
            _ = try await tester.sendRequest(.POST, address, headers: cell.web) {
                try $0.content.encode(cell.form(["step": "proposal", "score[\(first)]": "95", "explanation[\(first)]": "Gương mẫu"]), as: .urlEncodedForm)
            }
            #expect(try await app.rowCount("rating_steps") == steps + 3)

            // The cell may not decide; the ward decides, and two "xuất sắc" over three "tốt"… none allowed: refused whole.
            let notCell = String(buffer: try await tester.sendRequest(.GET, address + "&step=decision", headers: cell.web).body)
            #expect(!notCell.contains(#"name="score[\#(first)]""#) && notCell.contains("không thuộc quyền của bạn"))
            let over = try await tester.sendRequest(.POST, address, headers: ward.web) {
                try $0.content.encode(ward.form(["step": "decision", "score[\(first)]": "95", "score[\(second)]": "92", "score[\(third)]": "72"]), as: .urlEncodedForm)
            }
            #expect(over.status == .unprocessableEntity)
            #expect(String(buffer: over.body).contains("vượt 20%"))
            #expect(try await RatingStep.query(on: app.db).filter(\.$kind == .decision).count() == 0)
            let decided = try await tester.sendRequest(.POST, address, headers: ward.web) {
                try $0.content.encode(ward.form(["step": "decision", "score[\(first)]": "85", "score[\(second)]": "80", "score[\(third)]": "72"]), as: .urlEncodedForm)
            }
            #expect(decided.status == .seeOther)
            #expect(try await app.ratingTally(setup, at: setup.tree.cellA1).good == 3)
        }
    }
}
