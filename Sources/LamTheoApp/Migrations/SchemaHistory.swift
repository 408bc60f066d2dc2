import Fluent
import SQLKit

/// LamTheo's schema history, in the order it runs. Each migration is frozen once released: it names its
/// tables and columns literally, seeds and backfills in plain SQL, and never calls application code (a
/// model, a query, a feature's list), because the application moves on and history must not. A change to
/// the schema is a new file at the end, `NNN_WhatItDoes.swift`, and a new line here.
enum SchemaHistory {
    static let migrations: [any Migration] = [
        CreateOrganizationKinds(),
        CreateOrganizations(),
        CreateMembers(),
        CreateAccounts(),
        CreateAuditEvents(),
        CreatePrivacyTables(),
        CreateImports(),
        AddMemberNameIndex(),
        CreateDocuments(),
        CreateCampaigns(),
        CreateStudy(),
        CreateCampaignFigures(),
        CreateRatingPeriods(),
        CreateCommitments(),
        CreateBreakthroughs(),
        CreateRatings(),
        StoreSubtreeCoverage(),
        AddBreakthroughEvidenceFiles(),
        AddPositionUnits(),
        StoreSubtreeCommitments(),
        StoreSubtreeRatings(),
        AddRatingTasks(),
        LogViewedMemberIds(),
        AddStandardAbbreviations(),
        AddAccountSelfService(),
        AddMovableDeadlines(),
        CreateFollowUpTasks(),
        CreateBriefings(),
        CreateInspections(),
        CreateExemplars(),
        CreateJobs(),
        CreateNotifications(),
        AddMemberGrantIndex(),
        CreateDashboardSnapshots(),
        CreateReports(),
        CreatePortal(),
        CreateFeedback(),
        NumberDocumentsPerIssuingUnit(),
        CreateArticleComments(),
        CreateLibrary(),
        CreateCampaignPublications(),
        AddTrigramSearch(),
        CreatePublicPageGeneration(),
        AddRoleGrantPlace(),
        AddAccessGeneration(),
        AddChangeGenerations(),
        AddFeedbackUnitIndex(),
        CreateFeedbackTallies(),
    ]
}

/// Schema helpers for migrations only, frozen with them: what they emit is part of history.
extension Database {
    /// Text compared byte by byte. Tree paths and collation sort keys rely on it: PostgreSQL's default
    /// locale collation would ignore the `/` of a path and reorder a sort key; SQLite's default is binary.
    var binaryText: DatabaseSchema.DataType {
        (self as? any SQLDatabase)?.dialect.name == "postgresql" ? .custom("TEXT COLLATE \"C\"") : .string
    }

    /// Creates a plain (non-unique) index, which Fluent's schema builder cannot express.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}

extension SQLDatabase {
    /// An INSERT of literal rows, one value per column in order (`String?.none` for NULL).
    func insert(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) -> SQLInsertBuilder {
        rows.reduce(insert(into: table).columns(columns)) { $0.values($1) }
    }
}
