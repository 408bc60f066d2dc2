import Foundation
import LamTheoCore
import Vapor

/// A recommendation from the inspection's page: one unit chosen.
struct InspectionRecommendationForm: Content {
    var organizationId: String?
    var title: String?
    var responsible: String?
    var requiredEvidence: String?
    var dueOn: String?

    var input: FollowUpTaskInput {
        FollowUpTaskInput(organizationIds: organizationId.flatMap { Int($0) }.map { [$0] } ?? [], title: title, responsible: responsible,
                          requiredEvidence: requiredEvidence, dueOn: dueOn)
    }
}

/// A new inspection from its form: the units ticked, the team one per line — "Trưởng đoàn: Nguyễn Văn A (kiemtra)",
/// the account in brackets when the member has one.
struct InspectionForm: Content {
    var organizationId: String?
    var kind: String?
    var decisionDocumentId: String?
    var subject: String?
    var periodFrom: String?
    var periodTo: String?
    var startsOn: String?
    var endsOn: String?
    var selfReportDueOn: String?
    var unitIds: [String]?
    var team: String?

    var input: InspectionInput {
        InspectionInput(organizationId: organizationId.flatMap { Int($0) }, kind: kind, decisionDocumentId: decisionDocumentId.flatMap { Int($0) },
                        subject: subject, periodFrom: periodFrom, periodTo: periodTo, startsOn: startsOn, endsOn: endsOn, selfReportDueOn: selfReportDueOn,
                        unitIds: (unitIds ?? []).compactMap { Int($0) }, team: Self.team(team ?? ""))
    }

    /// One place per line; a role the line does not name is left for the command to refuse.
    static func team(_ text: String) -> [InspectionTeamInput] {
        text.split(whereSeparator: \.isNewline).compactMap { line -> InspectionTeamInput? in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let (roleText, rest) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            let role = InspectionTeamRole.allCases.first { VietnameseText.searchKey($0.label.vi) == VietnameseText.searchKey(roleText) }
            var name = rest
            var username: String?
            if let open = rest.lastIndex(of: "("), rest.hasSuffix(")") {
                username = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]).trimmingCharacters(in: .whitespaces)
                name = rest[..<open].trimmingCharacters(in: .whitespaces)
            }
            return InspectionTeamInput(role: role?.rawValue, name: name.isEmpty ? nil : name, username: username)
        }
    }
}
