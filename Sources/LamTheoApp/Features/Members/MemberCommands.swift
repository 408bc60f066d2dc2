import Fluent
import LamTheoCore
import SQLKit

/// A member's details as typed into a form or sent to the API (it is both bodies). The name may come
/// whole (`fullName`) or in its three parts; the parts win when both are given.
struct MemberInput: Codable, Sendable {
    var fullName: String?
    var familyName: String?
    var middleName: String?
    var givenName: String?
    var gender: String?
    var birthDate: String?
    var cardNumber: String?
    var admittedOn: String?
    var fullMemberOn: String?
    var status: String?
    var idNumber: String?
    var phone: String?
    var address: String?
    /// The cell, when enrolling; a member changes cell only by transfer.
    var organizationId: Int?


    /// The stored member with this input's fields laid over it: what a partial update means.
    func laid(over member: Member) -> MemberInput {
        let renamed = familyName != nil || middleName != nil || givenName != nil
        return MemberInput(
            fullName: fullName ?? (renamed ? nil : member.fullName),
            familyName: familyName ?? member.familyName, middleName: middleName ?? member.middleName, givenName: givenName ?? member.givenName,
            gender: gender ?? member.gender.rawValue, birthDate: birthDate ?? member.birthDate?.iso, cardNumber: cardNumber ?? member.cardNumber,
            admittedOn: admittedOn ?? member.admittedOn?.iso, fullMemberOn: fullMemberOn ?? member.fullMemberOn?.iso,
            status: status ?? member.status.rawValue, idNumber: idNumber ?? member.idNumber, phone: phone ?? member.phone,
            address: address ?? member.address)
    }
}

// In an extension, so that the memberwise initialiser stays.
extension MemberInput {
    /// As synthesised, except that a form's blank cell field means no cell chosen (the command then names
    /// the field) rather than an unreadable body.
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fullName: try values.decodeIfPresent(String.self, forKey: .fullName),
                  familyName: try values.decodeIfPresent(String.self, forKey: .familyName),
                  middleName: try values.decodeIfPresent(String.self, forKey: .middleName),
                  givenName: try values.decodeIfPresent(String.self, forKey: .givenName),
                  gender: try values.decodeIfPresent(String.self, forKey: .gender),
                  birthDate: try values.decodeIfPresent(String.self, forKey: .birthDate),
                  cardNumber: try values.decodeIfPresent(String.self, forKey: .cardNumber),
                  admittedOn: try values.decodeIfPresent(String.self, forKey: .admittedOn),
                  fullMemberOn: try values.decodeIfPresent(String.self, forKey: .fullMemberOn),
                  status: try values.decodeIfPresent(String.self, forKey: .status),
                  idNumber: try values.decodeIfPresent(String.self, forKey: .idNumber),
                  phone: try values.decodeIfPresent(String.self, forKey: .phone),
                  address: try values.decodeIfPresent(String.self, forKey: .address),
                  organizationId: try values.decodeOptionalInteger(forKey: .organizationId))
    }
}

/// The writes on members. Like every command they check first and throw `DomainError` without writing.
enum MemberCommands {
    static func create(_ input: MemberInput, on db: any Database) async throws -> Member {
        var validator = Validator()
        let details = validator.memberDetails(input)
        let cell = try await validator.cell(input.organizationId, on: db)
        try validator.throwIfInvalid()
        try await requireUniqueCard(details.cardNumber, except: nil, on: db)

        let member = Member()
        details.apply(to: member)
        member.organizationId = cell!.requireID()
        member.organizationPath = cell!.path
        try await member.create(on: db)
        if member.status.isOnRoll {
            try await adjustCount(of: cell!.requireID(), by: 1, on: db)
            try await TreeFollowers.membersChanged(at: [cell!.requireID()], on: db)
        }
        let enrolment = MemberTransfer()
        enrolment.memberId = member.requireID()
        enrolment.toOrganizationId = cell!.requireID()
        enrolment.transferredOn = details.admittedOn ?? CalendarDate.today()
        enrolment.reason = "Tiếp nhận"
        try await enrolment.create(on: db)
        return member
    }

    static func update(_ id: Int, _ input: MemberInput, on db: any Database) async throws -> Member {
        let member = try await MemberQueries.require(id, on: db)
        var validator = Validator()
        let details = validator.memberDetails(input)
        if let cell = input.organizationId, cell != member.organizationId {
            validator.add("organizationId", LocalizedText(vi: "Dùng chức năng chuyển sinh hoạt để đổi chi bộ",
                                                          en: "Use a transfer to change a member's cell"))
        }
        try validator.throwIfInvalid()
        try await requireUniqueCard(details.cardNumber, except: id, on: db)
        let wasOnRoll = member.status.isOnRoll
        details.apply(to: member)
        try await member.save(on: db)
        if wasOnRoll != member.status.isOnRoll {
            try await adjustCount(of: member.organizationId, by: member.status.isOnRoll ? 1 : -1, on: db)
            try await TreeFollowers.membersChanged(at: [member.organizationId], on: db)
        }
        return member
    }

    /// Moves a member to another cell (chuyển sinh hoạt đảng), keeping the move in their history.
    static func transfer(_ id: Int, to organizationId: Int?, on rawDate: String?, reason rawReason: String?, db: any Database) async throws -> Member {
        let member = try await MemberQueries.require(id, on: db)
        var validator = Validator()
        let date = validator.optionalDate(rawDate, field: "transferredOn", label: LocalizedText(vi: "Ngày chuyển", en: "Transfer date")) ?? CalendarDate.today()
        let reason = validator.optionalText(rawReason, field: "reason", label: LocalizedText(vi: "Lý do", en: "Reason"), maxLength: 500)
        let cell = try await validator.cell(organizationId, on: db)
        if let cell, cell.id == member.organizationId {
            validator.add("organizationId", LocalizedText(vi: "Đảng viên đang sinh hoạt tại \(cell.name)", en: "The member is already in \(cell.name)"))
        }
        if !member.status.isOnRoll {
            validator.add("status", LocalizedText(vi: "Đảng viên không còn sinh hoạt (\(member.status.label.vi.lowercased())) nên không thể chuyển",
                                                  en: "The member is no longer on the roll (\(member.status.label.en.lowercased())) and cannot be transferred"))
        }
        if let last = try await MemberQueries.transfers(of: id, on: db).last, date < last.transferredOn {
            validator.add("transferredOn", LocalizedText(vi: "Ngày chuyển phải từ \(last.transferredOn.vietnamese) (lần chuyển gần nhất) trở đi",
                                                         en: "The transfer date must be on or after \(last.transferredOn.vietnamese), the last transfer"))
        }
        try validator.throwIfInvalid()

        let transfer = MemberTransfer()
        transfer.memberId = id
        transfer.fromOrganizationId = member.organizationId
        transfer.toOrganizationId = cell!.requireID()
        transfer.transferredOn = date
        transfer.reason = reason
        try await transfer.create(on: db)
        try await adjustCount(of: member.organizationId, by: -1, on: db)
        try await adjustCount(of: cell!.requireID(), by: 1, on: db)
        let previousCell = member.organizationId
        member.organizationId = cell!.requireID()
        member.organizationPath = cell!.path
        try await member.save(on: db)
        // Stored figures count a member where they are now.
        try await TreeFollowers.membersChanged(at: [previousCell, cell!.requireID()], on: db)
        return member
    }

    /// A position held in `organizationId`: the member's cell (by default) or an active committee above it.
    static func addPosition(to id: Int, title rawTitle: String?, startedOn rawDate: String?, organizationId: Int? = nil,
                            db: any Database) async throws -> MemberPosition {
        let member = try await MemberQueries.require(id, on: db)
        var validator = Validator()
        let title = validator.requiredText(rawTitle, field: "title", label: LocalizedText(vi: "Chức vụ", en: "Position"), maxLength: 200)
        let startedOn = validator.optionalDate(rawDate, field: "startedOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date")) ?? CalendarDate.today()
        let unitId = organizationId ?? member.organizationId
        let lineage = TreePath(rawValue: member.organizationPath)!.lineage.map(\.rawValue)
        if try await Organization.query(on: db).filter(\.$id == unitId).filter(\.$path ~~ lineage).filter(\.$status == .active).first() == nil {
            validator.add("organizationId", LocalizedText(vi: "Chức vụ phải thuộc chi bộ của đảng viên hoặc một cấp ủy cấp trên của chi bộ",
                                                          en: "The position must be held in the member's cell or a committee above it"))
        }
        try validator.throwIfInvalid()
        let position = MemberPosition()
        position.memberId = id
        position.title = title
        position.startedOn = startedOn
        position.organizationId = unitId
        try await position.create(on: db)
        return position
    }

    static func endPosition(_ positionId: Int, of memberId: Int, endedOn rawDate: String?, db: any Database) async throws -> MemberPosition {
        guard let position = try await MemberPosition.query(on: db).filter(\.$id == positionId).filter(\.$memberId == memberId).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy chức vụ", en: "Position not found"))
        }
        var validator = Validator()
        let endedOn = validator.optionalDate(rawDate, field: "endedOn", label: LocalizedText(vi: "Ngày thôi giữ", en: "End date")) ?? CalendarDate.today()
        if endedOn < position.startedOn {
            validator.add("endedOn", LocalizedText(vi: "Ngày thôi giữ phải sau ngày bắt đầu \(position.startedOn.vietnamese)", en: "The end date must be after the start date \(position.startedOn.vietnamese)"))
        }
        if position.endedOn != nil {
            validator.add("endedOn", LocalizedText(vi: "Chức vụ này đã kết thúc", en: "This position has already ended"))
        }
        try validator.throwIfInvalid()
        position.endedOn = endedOn
        try await position.save(on: db)
        return position
    }

    /// Keeps the stored per-unit count in step with the members it counts.
    private static func adjustCount(of organizationId: Int, by delta: Int, on db: any Database) async throws {
        try await db.sql.raw("UPDATE organizations SET member_count = member_count + \(bind: delta) WHERE id = \(bind: organizationId)").run()
    }

    private static func requireUniqueCard(_ cardNumber: String, except id: Int?, on db: any Database) async throws {
        var query = Member.query(on: db).filter(\.$cardNumber == cardNumber)
        if let id { query = query.filter(\.$id != id) }
        // The other holder is not named: they may be outside the caller's scope.
        if try await query.first() != nil {
            throw DomainError.conflict(field: "cardNumber", LocalizedText(vi: "Số thẻ đảng viên \(cardNumber) đã được cấp cho một đảng viên khác",
                                                                           en: "Party card number \(cardNumber) already belongs to another member"))
        }
    }
}

/// A member's details after checking, ready to be written. The spreadsheet import checks rows with the same rules.
struct CheckedDetails: Sendable {
    let name: PersonName
    let fullName: String
    let gender: Gender
    let birthDate: CalendarDate?
    let cardNumber: String
    let admittedOn: CalendarDate?
    let fullMemberOn: CalendarDate?
    let status: MemberStatus
    let idNumber: String?
    let phone: String?
    let address: String?
    /// Derived from the names once, where the details are checked: on every core during an import.
    let nameSort: String
    let nameSearch: String

    init(name: PersonName, fullName: String, gender: Gender, birthDate: CalendarDate?, cardNumber: String, admittedOn: CalendarDate?,
         fullMemberOn: CalendarDate?, status: MemberStatus, idNumber: String?, phone: String?, address: String?) {
        self.name = name
        self.fullName = fullName
        self.gender = gender
        self.birthDate = birthDate
        self.cardNumber = cardNumber
        self.admittedOn = admittedOn
        self.fullMemberOn = fullMemberOn
        self.status = status
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
        nameSort = name.sortKey
        nameSearch = VietnameseText.searchKey(fullName)
    }

    /// The stored columns, in the order of `columnNames`: what `apply(to:)` sets, for bulk inserts.
    static let columnNames = ["family_name", "middle_name", "given_name", "full_name", "name_sort", "name_search", "gender", "birth_date",
                              "card_number", "admitted_on", "full_member_on", "status", "id_number", "phone", "address"]

    var columnValues: [BulkInsert.Value] {
        [.text(name.familyName), .text(name.middleName), .text(name.givenName), .text(fullName), .text(nameSort),
         .text(nameSearch), .text(gender.rawValue), .day(birthDate), .text(cardNumber), .day(admittedOn),
         .day(fullMemberOn), .text(status.rawValue), .text(idNumber), .text(phone), .text(address)]
    }

    /// The details a person typed, as text in one string: equal for equal details, to tell whether a
    /// stored member would change. The derived sort and search keys follow from the names.
    var fingerprint: String {
        [name.familyName, name.middleName, name.givenName, fullName, gender.rawValue, birthDate?.iso ?? "", cardNumber, admittedOn?.iso ?? "",
         fullMemberOn?.iso ?? "", status.rawValue, idNumber ?? "", phone ?? "", address ?? ""].joined(separator: "\u{1F}")
    }

    func apply(to member: Member) {
        member.familyName = name.familyName
        member.middleName = name.middleName
        member.givenName = name.givenName
        member.fullName = fullName
        member.nameSort = nameSort
        member.nameSearch = nameSearch
        member.gender = gender
        member.birthDate = birthDate
        member.cardNumber = cardNumber
        member.admittedOn = admittedOn
        member.fullMemberOn = fullMemberOn
        member.status = status
        member.idNumber = idNumber
        member.phone = phone
        member.address = address
    }
}

extension Validator {
    /// Checks everything about a member that needs no database: the same rules for a form, the API and
    /// every row of a spreadsheet.
    /// Three name parts of at most 60 characters and the spaces between them: whatever the form accepts,
    /// a full name (an export imported back) accepts too.
    static let fullNameLength = 3 * 60 + 2

    mutating func memberDetails(_ input: MemberInput) -> CheckedDetails {
        let nameLabel = LocalizedText(vi: "Họ và tên", en: "Full name")
        var name = PersonName(familyName: "", middleName: "", givenName: "")
        let hasParts = [input.familyName, input.givenName].contains { !VietnameseText.normalized($0 ?? "").isEmpty }
        if hasParts {
            let family = requiredText(input.familyName, field: "familyName", label: LocalizedText(vi: "Họ", en: "Family name"), maxLength: 60)
            let middle = optionalText(input.middleName, field: "middleName", label: LocalizedText(vi: "Chữ đệm", en: "Middle name"), maxLength: 60) ?? ""
            let given = requiredText(input.givenName, field: "givenName", label: LocalizedText(vi: "Tên", en: "Given name"), maxLength: 60)
            name = PersonName(familyName: family, middleName: middle, givenName: given)
        } else {
            let full = requiredText(input.fullName, field: "fullName", label: nameLabel, maxLength: Self.fullNameLength)
            if let parsed = PersonName(fullName: full) { name = parsed }
        }
        let fullName = optionalText(input.fullName, field: "fullName", label: nameLabel, maxLength: Self.fullNameLength) ?? name.fullName

        var gender = Gender.male
        if let parsed = Gender(rawValue: input.gender ?? "") {
            gender = parsed
        } else {
            add("gender", LocalizedText(vi: "Giới tính phải là nam (male) hoặc nữ (female)", en: "Gender must be male or female"))
        }
        var status = MemberStatus.full
        if let parsed = MemberStatus(rawValue: input.status ?? MemberStatus.full.rawValue) {
            status = parsed
        } else {
            add("status", LocalizedText(vi: "Tình trạng đảng viên không hợp lệ: \(input.status ?? "")", en: "Unknown member status: \(input.status ?? "")"))
        }

        let cardNumber = Self.removingSeparators(input.cardNumber ?? "").uppercased()
        if cardNumber.isEmpty {
            add("cardNumber", LocalizedText(vi: "Số thẻ đảng viên không được để trống", en: "Party card number must not be empty"))
        } else if cardNumber.utf8.count > 20 || !cardNumber.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
            add("cardNumber", LocalizedText(vi: "Số thẻ đảng viên chỉ gồm chữ số và chữ cái không dấu (tối đa 20 ký tự)",
                                            en: "A Party card number has only digits and ASCII letters (at most 20)"))
        }

        let today = CalendarDate.today()
        let birthDate = optionalDate(input.birthDate, field: "birthDate", label: LocalizedText(vi: "Ngày sinh", en: "Date of birth"))
        let admittedOn = optionalDate(input.admittedOn, field: "admittedOn", label: LocalizedText(vi: "Ngày vào Đảng", en: "Date admitted"))
        let fullMemberOn = optionalDate(input.fullMemberOn, field: "fullMemberOn", label: LocalizedText(vi: "Ngày chính thức", en: "Date made full member"))
        if let birthDate, birthDate > today {
            add("birthDate", LocalizedText(vi: "Ngày sinh không được sau hôm nay", en: "Date of birth cannot be in the future"))
        }
        if let admittedOn, admittedOn > today {
            add("admittedOn", LocalizedText(vi: "Ngày vào Đảng không được sau hôm nay", en: "Date admitted cannot be in the future"))
        }
        if let birthDate, let admittedOn, admittedOn < CalendarDate(year: birthDate.year + 18, month: birthDate.month, day: min(birthDate.day, 28))! {
            add("admittedOn", LocalizedText(vi: "Ngày vào Đảng phải sau khi đủ 18 tuổi", en: "A member is admitted at 18 or older"))
        }
        if let admittedOn, let fullMemberOn, fullMemberOn < admittedOn {
            add("fullMemberOn", LocalizedText(vi: "Ngày chính thức phải sau ngày vào Đảng", en: "The full-member date must follow the admission date"))
        }
        if status == .probationary, fullMemberOn != nil {
            add("fullMemberOn", LocalizedText(vi: "Đảng viên dự bị chưa có ngày chính thức", en: "A probationary member has no full-member date yet"))
        }

        let idNumber = optionalText(input.idNumber, field: "idNumber", label: LocalizedText(vi: "Số CCCD", en: "ID number"), maxLength: 12)
        // Byte counts: the digits that pass are ASCII, and anything else is refused with the same words.
        if let idNumber, !(idNumber.utf8.count == 12 || idNumber.utf8.count == 9) || !idNumber.allSatisfy(\.isASCIIDigit) {
            add("idNumber", LocalizedText(vi: "Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số)", en: "An ID number has 12 digits (9 for an old ID card)"))
        }
        let phone = optionalText(input.phone, field: "phone", label: LocalizedText(vi: "Số điện thoại", en: "Phone"), maxLength: 20)
            .map(Self.removingSeparators)
        if let phone, !(phone.hasPrefix("+84") ? phone.dropFirst(3).allSatisfy(\.isASCIIDigit) : phone.allSatisfy(\.isASCIIDigit)) || !(9...12).contains(phone.utf8.count) {
            add("phone", LocalizedText(vi: "Số điện thoại không hợp lệ", en: "The phone number is not valid"))
        }
        let address = optionalText(input.address, field: "address", label: LocalizedText(vi: "Địa chỉ", en: "Address"), maxLength: 300)
        return CheckedDetails(name: name, fullName: fullName, gender: gender, birthDate: birthDate, cardNumber: cardNumber,
                              admittedOn: admittedOn, fullMemberOn: fullMemberOn, status: status,
                              idNumber: idNumber, phone: phone, address: address)
    }

    /// Card and phone numbers as typed, grouped ("12.345.678", "0903 123 456"): the digits are what count.
    /// Scalar by scalar: these run for every row of an import.
    fileprivate static func removingSeparators(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "." && $0 != "-" }))
    }

    /// An open cell that members can be enrolled in.
    fileprivate mutating func cell(_ id: Int?, on db: any Database) async throws -> Organization? {
        guard let id, let organization = try await Organization.find(id, on: db) else {
            add("organizationId", LocalizedText(vi: "Chưa chọn chi bộ hoặc không tìm thấy chi bộ", en: "Choose an existing cell"))
            return nil
        }
        if !organization.isActive {
            add("organizationId", LocalizedText(vi: "\(organization.name) đã đóng", en: "\(organization.name) is closed"))
        } else if try await OrganizationKind.find(organization.kindCode, on: db)?.holdsMembers != true {
            add("organizationId", LocalizedText(vi: "\(organization.name) không phải chi bộ: đảng viên chỉ sinh hoạt tại chi bộ",
                                                en: "\(organization.name) is not a cell: members belong to cells"))
        }
        return organization
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}
