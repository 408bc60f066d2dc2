import Foundation
import Vapor

/// `lamtheo send-test-mail <address>`: one Vietnamese test message with the configured settings, for an
/// administrator checking them. Prints the server's answer, or the error and whether it is worth retrying.
struct SendTestMailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "address", help: "where to send the test message")
        var address: String

        init() {}
    }

    var help: String { "Sends one test e-mail with LAMTHEO_SMTP_URL and LAMTHEO_SMTP_FROM: send-test-mail <address>" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let transport = context.application.mailTransport as? SMTPTransport else {
            let text = "Chưa cấu hình gửi thư: đặt LAMTHEO_SMTP_URL và LAMTHEO_SMTP_FROM / e-mail is not configured: set LAMTHEO_SMTP_URL and LAMTHEO_SMTP_FROM"
            context.console.error(text)
            throw Failure(description: text)
        }
        context.console.print("Gửi thư thử tới / sending a test message to \(signature.address) qua / through \(transport.settings)")
        let sentAt = MailFormat.rfc5322Date(Date())
        let message = MailMessage(
            to: signature.address, toName: nil,
            subject: "Thư thử của LamTheo: cấu hình gửi thư đã hoạt động",
            text: """
            Kính gửi đồng chí,

            Đây là thư thử do quản trị viên gửi bằng lệnh “lamtheo send-test-mail” để kiểm tra cấu hình gửi thư \
            của LamTheo. Đồng chí nhận được thư này nghĩa là các thư nhắc việc sẽ đến được hộp thư của mình.

            Máy chủ thư: \(transport.settings.host):\(transport.settings.port)
            Gửi lúc: \(sentAt)

            (This is a test message from LamTheo: its e-mail settings work.)
            """)
        do {
            let reply = try await transport.deliver(message)
            context.console.print("Máy chủ thư đã nhận thư / the mail server accepted the message: \(reply)")
        } catch let error as MailError {
            let verdict = switch error {
            case .permanent: "Không gửi được, thử lại cũng vậy / not sent, retrying will not help"
            case .addressRefused: "Địa chỉ người nhận bị từ chối / the recipient's address was refused"
            case .temporary: "Chưa gửi được, có thể thử lại sau / not sent, may succeed later"
            }
            context.console.error("\(verdict): \(error.text)")
            throw Failure(description: error.text)
        }
    }
}
