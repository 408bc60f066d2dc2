import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// A Party member (đảng viên), enrolled in one cell at a time.
final class Member: Model, @unchecked Sendable {
    static let schema = "members"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "family_name") var familyName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "given_name") var givenName: String
    /// The name as written on the member's papers; usually họ + đệm + tên.
    @Field(key: "full_name") var fullName: String
    /// Vietnamese order: tên, then đệm, then họ (`PersonName.sortKey`).
    @Field(key: "name_sort") var nameSort: String
    @Field(key: "name_search") var nameSearch: String
    @Field(key: "gender") var gender: Gender
    @OptionalField(key: "birth_date") var birthDate: CalendarDate?
    @Field(key: "card_number") var cardNumber: String
    @OptionalField(key: "admitted_on") var admittedOn: CalendarDate?
    @OptionalField(key: "full_member_on") var fullMemberOn: CalendarDate?
    @Field(key: "status") var status: MemberStatus
    @Field(key: "organization_id") var organizationId: Int
    /// The cell's tree path, copied here so that a subtree's members are one indexed range.
    @Field(key: "organization_path") var organizationPath: String
    // Personal data (Law 91/2025/QH15): shown only within scope.
    @OptionalField(key: "id_number") var idNumber: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var name: PersonName {
        PersonName(familyName: familyName, middleName: middleName, givenName: givenName)
    }
}

extension Member: PlainRowReadable {
    static let plainColumns = ["id", "family_name", "middle_name", "given_name", "full_name", "name_sort", "name_search", "gender", "birth_date",
                               "card_number", "admitted_on", "full_member_on", "status", "organization_id", "organization_path", "id_number",
                               "phone", "address"]

    convenience init(plainRow row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: Int.self)
        $id.exists = true
        familyName = try row.decode(column: "family_name", as: String.self)
        middleName = try row.decode(column: "middle_name", as: String.self)
        givenName = try row.decode(column: "given_name", as: String.self)
        fullName = try row.decode(column: "full_name", as: String.self)
        nameSort = try row.decode(column: "name_sort", as: String.self)
        nameSearch = try row.decode(column: "name_search", as: String.self)
        gender = try row.value("gender", as: Gender.self)
        birthDate = try row.optionalDay("birth_date")
        cardNumber = try row.decode(column: "card_number", as: String.self)
        admittedOn = try row.optionalDay("admitted_on")
        fullMemberOn = try row.optionalDay("full_member_on")
        status = try row.value("status", as: MemberStatus.self)
        organizationId = try row.decode(column: "organization_id", as: Int.self)
        organizationPath = try row.decode(column: "organization_path", as: String.self)
        idNumber = try row.decode(column: "id_number", as: String?.self)
        phone = try row.decode(column: "phone", as: String?.self)
        address = try row.decode(column: "address", as: String?.self)
    }
}

/// A move from one cell to another (or the first enrolment, with no `from`).
final class MemberTransfer: Model, @unchecked Sendable {
    static let schema = "member_transfers"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    @OptionalField(key: "from_organization_id") var fromOrganizationId: Int?
    @Field(key: "to_organization_id") var toOrganizationId: Int
    @Field(key: "transferred_on") var transferredOn: CalendarDate
    @OptionalField(key: "reason") var reason: String?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}

/// A position a member holds (Bí thư chi bộ, Chi ủy viên…), with its dates.
final class MemberPosition: Model, @unchecked Sendable {
    static let schema = "member_positions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "member_id") var memberId: Int
    @Field(key: "title") var title: String
    @Field(key: "started_on") var startedOn: CalendarDate
    @OptionalField(key: "ended_on") var endedOn: CalendarDate?
    /// Where the position is held: the member's cell or a committee above it; nil for positions recorded
    /// before positions had units.
    @OptionalField(key: "organization_id") var organizationId: Int?

    init() {}
}

extension MemberStatus {
    var label: LocalizedText {
        switch self {
        case .probationary: return LocalizedText(vi: "Dự bị", en: "Probationary")
        case .full: return LocalizedText(vi: "Chính thức", en: "Full member")
        case .exempt: return LocalizedText(vi: "Miễn sinh hoạt", en: "Exempt from activities")
        case .transferredOut: return LocalizedText(vi: "Đã chuyển đi", en: "Transferred out")
        case .deceased: return LocalizedText(vi: "Từ trần", en: "Deceased")
        case .struckOff: return LocalizedText(vi: "Xóa tên", en: "Struck off")
        case .expelled: return LocalizedText(vi: "Khai trừ", en: "Expelled")
        }
    }

    static var onRoll: [MemberStatus] { allCases.filter(\.isOnRoll) }
}

extension Gender {
    var label: LocalizedText {
        switch self {
        case .male: return LocalizedText(vi: "Nam", en: "Male")
        case .female: return LocalizedText(vi: "Nữ", en: "Female")
        }
    }
}
