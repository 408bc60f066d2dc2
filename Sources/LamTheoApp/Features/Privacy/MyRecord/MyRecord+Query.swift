import Fluent
import LamTheoCore

extension MyRecord {
    enum Query {
        /// The member's cell, their commitments (four reads), their reflections with their campaigns' titles,
        /// and their ratings.
        static func run(_ member: Member, today: CalendarDate, on db: any Database) async throws -> Model {
            let memberId = member.requireID()
            let cell = try await OrganizationQueries.require(member.organizationId, on: db)
            let commitments = try await OwnCommitments.query(of: memberId, year: today.year, on: db)
            let reflections = try await Reflection.query(on: db).filter(\.$memberId == memberId).sort(\.$id, .descending).all()
            let titles = reflections.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Campaign.query(on: db)
                .filter(\.$id ~~ reflections.map(\.campaignId)).all().map { ($0.requireID(), $0.title) })
            let ratings = try await RatingQueries.ofMember(member, on: db).filter { $0.rating != nil }
            return Model(
                fullName: member.fullName, cell: cell.name, cardNumber: member.cardNumber, birthDate: member.birthDate, admittedOn: member.admittedOn,
                fullMemberOn: member.fullMemberOn, status: member.status, idNumber: member.idNumber, phone: member.phone, address: member.address,
                commitments: commitments,
                reflections: reflections.map {
                    Model.Reflection(campaignId: $0.campaignId, campaignTitle: titles[$0.campaignId] ?? "", state: $0.state, grade: $0.grade)
                },
                ratings: ratings.map { Model.Rating(period: $0.period.title, level: $0.rating?.decidedLevel) })
        }
    }
}
