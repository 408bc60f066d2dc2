import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import LamTheoSpreadsheet
import Testing
import VaporTesting

/// How a file's header row is read: the template's own headers, the forms offices write them in, the running
/// number, the columns passed over, and the headers that could be two columns.
@Suite("Spreadsheet headers")
struct SpreadsheetHeaderTests {
    /// The members template's columns in order, so that a test's cells read back as their column's position.
    private func positions(_ map: ColumnMap, _ width: Int) -> [String: String] {
        let row = (0..<width).map(String.init)
        return Dictionary(uniqueKeysWithValues: map.kind.columns.compactMap { column in map.value(column.key, in: row).map { (column.key, $0) } })
    }

    private func refusal(_ kind: SpreadsheetKind, _ header: [String]) -> LocalizedText? {
        do {
            _ = try ColumnMap(kind: kind, header: header)
            return nil
        } catch let error as DomainError {
            return error.fieldErrors.first?.message
        } catch {
            return LocalizedText(vi: "\(error)", en: "\(error)")
        }
    }

    @Test("the exported template's own headers match exactly, each at its place, with nothing ignored", arguments: SpreadsheetKind.allCases)
    func templateHeaders(_ kind: SpreadsheetKind) throws {
        let header = kind.columns.map(\.header.vi)
        let map = try ColumnMap(kind: kind, header: header)
        #expect(map.ignored.isEmpty)
        #expect(positions(map, header.count) == Dictionary(uniqueKeysWithValues: kind.columns.enumerated().map { ($1.key, String($0)) }))
        for column in kind.columns {
            #expect(kind.match(column.header.vi) == .exact(column.key))
            #expect(kind.match(column.header.en) == .exact(column.key))
        }
    }

    @Test("no two columns of a kind share a header or synonym, so an exact header never needs a choice", arguments: SpreadsheetKind.allCases)
    func exactHeadersAreDistinct(_ kind: SpreadsheetKind) {
        let spellings = kind.columns.flatMap { column in ([column.header.vi, column.header.en, column.key] + column.synonyms).map { (HeaderWords($0), column.key) } }
        let owners = Dictionary(grouping: spellings, by: \.0).mapValues { Set($0.map(\.1)) }
        #expect(owners.filter { $0.value.count > 1 }.isEmpty)
    }

    @Test("headers as offices write them match their column by its words", arguments: [
        ("Họ và tên", "fullName"), ("Họ tên", "fullName"), ("Họ tên đảng viên", "fullName"), ("Họ và tên đảng viên", "fullName"),
        ("HỌ VÀ TÊN ĐẢNG VIÊN", "fullName"), ("ho ten dang vien", "fullName"), ("Họ, chữ đệm và tên", "fullName"), ("Họ và tên khai sinh", "fullName"),
        ("Tên đệm", "middleName"), ("Chi bộ sinh hoạt", "cellName"), ("Chi bộ đang sinh hoạt", "cellName"), ("Mã chi bộ (*)", "cellCode"),
        ("Ngày vào Đảng", "admittedOn"), ("Ngày kết nạp", "admittedOn"), ("Ngày kết nạp Đảng", "admittedOn"), ("Ngày vào Đảng (dd/mm/yyyy)", "admittedOn"),
        ("Ngày chính thức", "fullMemberOn"), ("Ngày công nhận đảng viên chính thức", "fullMemberOn"), ("Số thẻ đảng viên", "cardNumber"),
        ("Số thẻ", "cardNumber"), ("Số thẻ Đảng", "cardNumber"), ("Số thẻ ĐV (*)", "cardNumber"), ("Thẻ đảng viên số", "cardNumber"),
        ("Ngày sinh (ngày/tháng/năm)", "birthDate"), ("Ngày, tháng, năm sinh", "birthDate"), ("Giới tính (Nam/Nữ)", "gender"),
        ("Số CCCD/CMND", "idNumber"), ("Căn cước công dân", "idNumber"), ("Số định danh cá nhân", "idNumber"), ("Điện thoại di động", "phone"),
        ("Số điện thoại liên hệ", "phone"), ("Nơi ở hiện nay", "address"), ("Địa chỉ thường trú", "address"), ("Tình trạng đảng viên", "status"),
    ])
    func memberHeaderVariants(_ header: String, _ key: String) {
        let match = SpreadsheetKind.members.match(header)
        #expect(match == .exact(key) || match == .words(key), "\(header) → \(match)")
    }

    @Test("organisation headers as offices write them", arguments: [
        ("Mã tổ chức đảng", "code"), ("Mã số", "code"), ("Tên tổ chức cơ sở đảng", "name"), ("Loại hình tổ chức", "kind"),
        ("Mã tổ chức cấp trên", "parentCode"), ("Mã đơn vị trực thuộc", "parentCode"), ("Ngày thành lập (dd/mm/yyyy)", "validFrom"),
    ])
    func organizationHeaderVariants(_ header: String, _ key: String) {
        let match = SpreadsheetKind.organizations.match(header)
        #expect(match == .exact(key) || match == .words(key), "\(header) → \(match)")
    }

    @Test("a running number is passed over without a note", arguments: ["STT", "TT", "Số TT", "Số thứ tự", "#", "No."])
    func runningNumber(_ header: String) {
        #expect(SpreadsheetKind.members.match(header) == .runningNumber)
    }

    @Test("a header about something else is not taken for the column whose words it shares", arguments: [
        (SpreadsheetKind.members, "Ngày cấp CCCD"), (.members, "Nơi cấp thẻ đảng viên"), (.members, "Ngày cấp thẻ đảng"),
        (.members, "Họ tên người giới thiệu"), (.members, "Họ tên cha"), (.members, "Địa chỉ email"), (.members, "Nơi sinh"),
        (.members, "Năm sinh"), (.members, "Quê quán"), (.members, "Đơn vị công tác"), (.members, "***"),
        (.organizations, "Tên đơn vị cấp trên"), (.organizations, "Quyết định thành lập số"),
    ])
    func somethingElse(_ kind: SpreadsheetKind, _ header: String) {
        #expect(kind.match(header) == .unknown, "\(header) → \(kind.match(header))")
    }

    @Test func columnLetters() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(ColumnMap.letter) == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    @Test("an office's list: a running number, variant headers and unknown columns read, the unknown ones noted as ignored")
    func officeList() throws {
        let header = ["STT", "Họ tên đảng viên", "Số thẻ", "Giới tính", "Quê quán", "Ngày kết nạp", "Ngày chính thức", "Chi bộ sinh hoạt", "Mã chi bộ", "", "Ghi chú"]
        let map = try ColumnMap(kind: .members, header: header)
        #expect(positions(map, header.count) == ["fullName": "1", "cardNumber": "2", "gender": "3", "admittedOn": "5", "fullMemberOn": "6",
                                                 "cellName": "7", "cellCode": "8"])
        #expect(map.ignored.map(\.line) == [1, 1])
        #expect(map.ignored.map(\.column) == ["Quê quán", "Ghi chú"])
        #expect(map.ignored.map(\.message.vi) == ["Cột E “Quê quán” không phải cột nào của mẫu nhập: đã bỏ qua",
                                                  "Cột K “Ghi chú” không phải cột nào của mẫu nhập: đã bỏ qua"])
        #expect(map.ignored.first?.message.en == "Column E “Quê quán” is not a column of the template: ignored")
    }

    @Test("a second column for the same thing is ignored with a note; the template's spelling wins wherever it stands")
    func secondColumn() throws {
        let header = ["Số thẻ đảng viên", "Họ và tên", "Giới tính", "Mã chi bộ", "Điện thoại di động", "Điện thoại"]
        let map = try ColumnMap(kind: .members, header: header)
        #expect(positions(map, header.count)["phone"] == "5")
        #expect(map.ignored.map(\.message.vi) == ["Cột E “Điện thoại di động” cũng là cột Điện thoại như cột F “Điện thoại”: đã bỏ qua, dùng cột F"])
        #expect(map.ignored.first?.message.en == "Column E “Điện thoại di động” is also the column Phone, like column F “Điện thoại”: ignored, column F is used")
    }

    @Test("a header that could be two columns refuses the file, naming both")
    func ambiguous() {
        #expect(SpreadsheetKind.members.match("Ngày vào Đảng chính thức") == .ambiguous(["admittedOn", "fullMemberOn"]))
        let message = refusal(.members, ["Số thẻ đảng viên", "Họ và tên", "Giới tính", "Mã chi bộ", "Ngày vào Đảng chính thức"])
        #expect(message?.vi == "Cột E “Ngày vào Đảng chính thức” có thể là Ngày vào Đảng hoặc Ngày chính thức: hãy đổi tiêu đề cho rõ")
        #expect(message?.en == "Column E “Ngày vào Đảng chính thức” could be Date admitted or Full member since: make the header say which")
    }

    @Test("a required column still missing is named, after any header that could be two columns")
    func missingRequired() {
        let message = refusal(.members, ["STT", "Họ tên đảng viên", "Số thẻ đảng viên", "Giới tính", "Chi bộ sinh hoạt"])
        #expect(message?.vi == "Dòng tiêu đề thiếu cột bắt buộc: Mã chi bộ")
        #expect(message?.en == "The header row lacks required columns: Cell code")
        let both = refusal(.members, ["Họ và tên", "Giới tính", "Mã chi bộ", "Ngày vào Đảng chính thức"])
        #expect(both?.vi.hasPrefix("Cột D “Ngày vào Đảng chính thức” có thể là") == true)
        #expect(both?.vi.hasSuffix("; Dòng tiêu đề thiếu cột bắt buộc: Số thẻ đảng viên") == true)
    }

    @Test("a list with a running number, variant headers and an unknown column imports, and the web page and the API show the column as ignored",
          arguments: TestBackend.allCases)
    func officeListImports(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let csv = CSVFile.write([
                ["STT", "Họ tên đảng viên", "Số thẻ", "Giới tính", "Ngày sinh", "Ngày kết nạp", "Ngày chính thức", "Chi bộ sinh hoạt", "Mã chi bộ", "Quê quán"],
                ["1", "Nguyễn Văn An", "500001", "Nam", "18/05/1980", "19/05/2005", "19/05/2006", "Chi bộ Khu phố 1", "PA-1", "Nghệ An"],
                ["2", "Trần Thị Bích", "500002", "Nữ", "02/01/1985", "03/02/2010", "", "Chi bộ Khu phố 2", "PA-2", "Hà Tĩnh"],
            ])
            let started = try await tester.sendRequest(.POST, "/api/v1/imports?kind=members&dryRun=false&fileName=danh-sach.csv", headers: admin.api,
                                                       body: ByteBuffer(data: csv))
            #expect(started.status == .accepted)
            let id = try started.content.decode(SpreadsheetAPI.JobDTO.self).id
            #expect(try await app.jobs.runPending() == 1)
            let job = try await tester.sendRequest(.GET, "/api/v1/imports/\(id)", headers: admin.api).content.decode(SpreadsheetAPI.JobDTO.self)
            let report = try #require(job.report, "\(job)")
            #expect(report.applied && report.created == 2 && report.errors.isEmpty, "\(report.errors)")
            #expect(report.ignoredColumns.map(\.column) == ["Quê quán"])
            #expect(report.ignoredColumns.map(\.line) == [1])
            #expect(report.ignoredColumns.first?.message == "Cột J “Quê quán” không phải cột nào của mẫu nhập: đã bỏ qua")

            let an = try #require(try await Member.query(on: app.db).filter(\.$cardNumber == "500001").first())
            #expect(an.fullName == "Nguyễn Văn An")
            // Through the variant headers "Ngày kết nạp" and "Ngày chính thức".
            #expect(String(describing: an.admittedOn).contains("2005") && String(describing: an.fullMemberOn).contains("2006"))
            #expect(try await app.storedCountsMatchMembers())

            let page = try await tester.sendRequest(.GET, "/imports/\(job.id)", headers: admin.web)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Cột J “Quê quán” không phải cột nào của mẫu nhập: đã bỏ qua"))
            let english = try await tester.sendRequest(.GET, "/api/v1/imports/\(job.id)", headers: admin.api.adding("Accept-Language", "en"))
            #expect(try english.content.decode(SpreadsheetAPI.JobDTO.self).report?.ignoredColumns.first?.message
                == "Column J “Quê quán” is not a column of the template: ignored")
        }
    }
}
