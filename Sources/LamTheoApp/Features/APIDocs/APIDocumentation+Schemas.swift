import LamTheoCore

extension APIDocumentation {
    /// Every type the API sends or reads as JSON: `components.schemas` is made of their schemas. A type added to
    /// the API is added here, with its conformance beside its feature.
    static let describedTypes: [any OpenAPIDescribed.Type] = [
        Problem.self,
        // Accounts
        AccountAPI.TokenRequest.self, AccountAPI.TokenDTO.self, NewGrant.self, AccountAPI.GrantDTO.self, Grant.self,
        AccountAPI.NewUserRequest.self, AccountAPI.UserDTO.self, AccountAPI.MeDTO.self, AccountAPI.PasswordChange.self, AccountAPI.SessionDTO.self,
        AccountAPI.TokenInfoDTO.self, AccountAPI.PasswordResetDTO.self,
        // Organisations
        OrganizationAPI.KindDTO.self, NewOrganizationKind.self, OrganizationAPI.OrganizationDTO.self, PageDTO<OrganizationAPI.OrganizationDTO>.self,
        OrganizationAPI.VersionDTO.self, OrganizationAPI.AsOfDTO.self, NewOrganization.self, OrganizationChanges.self,
        OrganizationAPI.MoveBody.self, OrganizationAPI.MergeBody.self, OrganizationAPI.DissolveBody.self,
        // Members and their personal data
        MemberAPI.MemberDTO.self, PageDTO<MemberAPI.MemberDTO>.self, MemberAPI.MemberDetailDTO.self, MemberAPI.TransferDTO.self, MemberInput.self,
        MemberAPI.TransferBody.self, MemberAPI.PositionDTO.self, MemberAPI.PositionBody.self, MemberAPI.EndPositionBody.self,
        MemberDataExport.self, SelfServiceAPI.CorrectionBody.self, SelfServiceAPI.CorrectionDTO.self, PersonalDataAPI.ViewerDTO.self,
        // Imports
        SpreadsheetAPI.JobDTO.self,
        // Background jobs
        JobAPI.JobDTO.self, PageDTO<JobAPI.JobDTO>.self,
        // Documents
        DocumentAPI.AbbreviationDTO.self, DocumentAPI.AbbreviationsDTO.self, AbbreviationInput.self, TermInput.self, DocumentAPI.TermDTO.self,
        DocumentAPI.ParsedNumberDTO.self, DocumentAPI.DocumentDTO.self, PageDTO<DocumentAPI.DocumentDTO>.self, DocumentAPI.DocumentDetailDTO.self,
        DocumentInput.self, DocumentAPI.RelationBody.self, DocumentAPI.AttachmentDTO.self,
        // Study
        StudyAPI.SessionDTO.self, PageDTO<StudyAPI.SessionDTO>.self, StudyAPI.SessionDetailDTO.self, StudyAPI.BridgePointDTO.self,
        StudySessionInput.self, AttendanceInput.self, StudyAPI.ReflectionDTO.self, StudyAPI.ReflectionEntryDTO.self,
        StudyAPI.OwnReflectionDTO.self, StudyAPI.ReflectionBody.self, ReflectionReviewInput.self,
        ReflectionExtensionInput.self, StudyAPI.ReflectionExtensionDTO.self,
        // Campaigns and coverage
        RequirementInput.self, CampaignAPI.RequirementDTO.self, CampaignInput.self, CampaignAPI.CampaignDTO.self, PageDTO<CampaignAPI.CampaignDTO>.self,
        CampaignPublicationInput.self, CampaignPublicationAPI.FigureDTO.self, CampaignPublicationAPI.PublicationDTO.self,
        RequirementChange.self, CampaignChanges.self,
        CampaignAPI.SubmissionDTO.self, CampaignAPI.ObligationDTO.self, PageDTO<CampaignAPI.ObligationDTO>.self,
        ObligationSubmissionInput.self, ObligationReviewInput.self, ObligationExtensionInput.self,
        CoverageAPI.FigureDTO.self, CoverageAPI.CoverageDTO.self, CoverageAPI.ReportDTO.self,
        CoverageAPI.MemberRowDTO.self, PageDTO<CoverageAPI.MemberRowDTO>.self,
        // Commitments
        CommitmentInput.self, CommitmentAPI.CommitmentDTO.self, PageDTO<CommitmentAPI.CommitmentDTO>.self, CommitmentCheckInInput.self,
        AssessmentInput.self, CommitmentAPI.PledgeDTO.self, PledgeInput.self, CommitmentAPI.ReminderBody.self, CommitmentAPI.ReminderDTO.self,
        TemplateInput.self, CommitmentAPI.TemplateDTO.self, CommitmentAPI.FiguresDTO.self, CommitmentAPI.ReportDTO.self,
        // Ratings
        RatingPeriodInput.self, RatingAPI.PeriodDTO.self, RatingStepInput.self, TaskCompletion.self, RatingAPI.StepDTO.self,
        RatingAPI.SheetRowDTO.self, PageDTO<RatingAPI.SheetRowDTO>.self, RatingAPI.MineDTO.self, RatingTally.self, RatingAPI.TallyDTO.self,
        RatingAPI.ClosureDTO.self, ExcellentQuota.self, RatingAPI.FiguresDTO.self, RatingClosureInput.self, RatingReopenInput.self,
        EvidenceSection.self, LocalizedText.self, RatingAPI.RuleDTO.self, RatingRuleInput.self,
        // The start page
        HomeAPI.TodoListDTO.self, HomeAPI.TodoItemDTO.self, HomeAPI.FigureDTO.self,
        // Breakthroughs
        BreakthroughInput.self, CheckInInput.self, BreakthroughAPI.CheckInDTO.self, BreakthroughAPI.BreakthroughDTO.self,
        PageDTO<BreakthroughAPI.BreakthroughDTO>.self, BreakthroughAPI.TallyDTO.self, BreakthroughAPI.RollupDTO.self,
        // Follow-up tasks
        FollowUpReportInput.self, FollowUpReviewInput.self, FollowUpExtensionInput.self, FollowUpCancellationInput.self,
        FollowUpAPI.EventDTO.self, FollowUpAPI.TaskDTO.self, PageDTO<FollowUpAPI.TaskDTO>.self, FollowUpAPI.TallyDTO.self, FollowUpAPI.FiguresDTO.self,
        // Briefings
        BriefingInput.self, ContributionInput.self, ConclusionInput.self, NoticeInput.self, BriefingAPI.DocumentDTO.self, BriefingAPI.UnitDTO.self,
        BriefingAPI.ContributionDTO.self, BriefingAPI.TaskDTO.self, BriefingAPI.ConclusionDTO.self, BriefingAPI.PreviousDTO.self,
        BriefingAPI.BriefingDTO.self, PageDTO<BriefingAPI.BriefingDTO>.self, BriefingAPI.NoticeDTO.self,
        // Exemplars
        ExemplarFigureInput.self, ExemplarInput.self, ExemplarVerificationInput.self, CommendationInput.self, ReplicationRequestInput.self,
        AdoptionInput.self, ExemplarEvidenceInput.self, CommendationAuthorityInput.self, ExemplarNominationRuleInput.self, ExemplarAPI.FigureDTO.self,
        ExemplarAPI.CommendationDTO.self, ExemplarAPI.AdoptionDTO.self, ExemplarAPI.EvidenceDTO.self, ExemplarAPI.EventDTO.self, ExemplarAPI.SummaryDTO.self,
        PageDTO<ExemplarAPI.SummaryDTO>.self, ExemplarAPI.ExemplarDTO.self, ExemplarTally.self, ExemplarAPI.FiguresDTO.self,
        ExemplarAPI.AuthorityRuleDTO.self, ExemplarAPI.NominationRuleDTO.self,
        // Inspections
        InspectionTeamInput.self, InspectionInput.self, InspectionPlanInput.self, InspectionSelfReportInput.self, InspectionSessionInput.self,
        InspectionFindingInput.self, InspectionCriticismInput.self, InspectionConclusionInput.self, InspectionRecommendationInput.self,
        InspectionClosureInput.self, InspectionAPI.SummaryDTO.self, PageDTO<InspectionAPI.SummaryDTO>.self, InspectionAPI.TeamMemberDTO.self,
        InspectionAPI.UnitDTO.self, InspectionAPI.SessionDTO.self, InspectionAPI.CriticismDTO.self, InspectionAPI.FindingDTO.self,
        InspectionAPI.StepDTO.self, InspectionAPI.DetailDTO.self, InspectionAPI.ReadDTO.self,
        // Notifications and reminders
        NotificationAPI.NotificationDTO.self, PageDTO<NotificationAPI.NotificationDTO>.self, NotificationAPI.ReadAllDTO.self, NotificationAPI.SettingsDTO.self,
        NotificationSettingsInput.self, NotificationAPI.SentDTO.self, PageDTO<NotificationAPI.SentDTO>.self, NotificationAPI.UpcomingDTO.self,
        DashboardAPI.ValueDTO.self, DashboardAPI.FigureDTO.self, DashboardAPI.ChildDTO.self, DashboardAPI.TrendPointDTO.self, DashboardAPI.PartDTO.self,
        DashboardAPI.SectionDTO.self, DashboardAPI.DashboardDTO.self,
        // Reports
        ReportInput.self, ReportChanges.self, ReportIssueInput.self, ReportAPI.FigureDTO.self, ReportAPI.SectionDTO.self, ReportAPI.VersionDTO.self,
        ReportAPI.ReportDTO.self, ReportAPI.SummaryDTO.self, PageDTO<ReportAPI.SummaryDTO>.self,
        // Public sites' articles
        ArticleInput.self, ArticlePublication.self, PortalAPI.ArticleDTO.self,
        CommentPublicPages.Submission.self, CommentRejectionInput.self, CommentAnswerInput.self, CommentAPI.CommentDTO.self,
        CommentAPI.PublicCommentDTO.self, CommentAPI.FormTokenDTO.self, CommentAPI.ReceiptDTO.self,
        NotificationAPI.ScheduleDTO.self, ReminderRuleInput.self,
        // Citizens' feedback
        FeedbackAPI.SubmissionBody.self, FeedbackAPI.TrackBody.self, FeedbackAPI.FormTokenDTO.self, FeedbackAPI.ReceiptDTO.self, FeedbackAPI.TrackDTO.self,
        FeedbackAPI.SummaryDTO.self, PageDTO<FeedbackAPI.SummaryDTO>.self, FeedbackAPI.ContactDTO.self, FeedbackAPI.AttachmentDTO.self,
        FeedbackAPI.EventDTO.self, FeedbackAPI.FeedbackDTO.self, FeedbackForwardInput.self, FeedbackAnswerInput.self, FeedbackRejectionInput.self,
        // The study-material library
        LibraryPages.ItemForm.self, LibraryAPI.ItemDTO.self, PageDTO<LibraryAPI.ItemDTO>.self, LibraryAPI.CampaignDTO.self, LibraryAPI.VersionDTO.self,
        LibraryAPI.DetailDTO.self, LibraryAPI.ReadingDTO.self,
    ]

    /// The bodies of partial updates (PATCH): a create body's properties, none required, less those an update
    /// cannot change.
    static let partialUpdates: [(name: String, of: any OpenAPIDescribed.Type, fixed: Set<String>)] = [
        ("MemberUpdate", MemberInput.self, []),
        ("DocumentUpdate", DocumentInput.self, []),
        ("StudySessionUpdate", StudySessionInput.self, ["organizationId"]),
    ]

    /// `components.schemas`.
    static var schemas: JSONValue {
        let named = describedTypes.map { ($0.schemaName, $0.schema) } + partialUpdates.map { ($0.name, $0.of.schema.partial(without: $0.fixed)) }
        precondition(Set(named.map(\.0)).count == named.count, "Two schemas of the API document share a name")
        return .object(named)
    }
}
