import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `lamtheo demo`: a realistic city organisation in a database of its own, filled once.
enum DemoData {
    static let seed: UInt64 = 2016

    /// Fills an empty database with the demo organisation; leaves a database that has data alone.
    static func prepare(_ app: Application, database: DatabaseURL) async throws {
        let console = app.console
        if try await Organization.query(on: app.db).count() == 0 {
            console.print("Đang tạo dữ liệu mẫu / Creating demo data…")
            let dataset = SyntheticDataset(scale: .demo, seed: seed, referenceDate: CalendarDate.today())
            let totals = try await SyntheticLoader.load(dataset, into: app)
            console.print("Đã tạo \(VietnameseFormat.integer(totals.organizations)) tổ chức đảng và \(VietnameseFormat.integer(totals.members)) đảng viên.")
        }
        let host = app.http.server.configuration.hostname
        let port = app.http.server.configuration.port
        console.print("""

            LamTheo demo
              Cơ sở dữ liệu / database: \(database)
              Địa chỉ / address:        http://\(host):\(port)/
              Đăng nhập / sign-in:      quản trị viên tích hợp (built-in administrator), chưa cần mật khẩu
                                        — accounts and permissions arrive with the access-control release

            """)
    }
}
