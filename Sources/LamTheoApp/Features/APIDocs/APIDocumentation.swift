import LamTheoCore
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. A test checks that its
/// paths and the application's API routes are the same set.
enum APIDocumentation {
    static func register(on api: any RoutesBuilder) {
        api.get(APIDocsRoute.openAPI) { _ -> Response in
            let response = Response(status: .ok)
            try response.content.encode(document, using: JSONEncoder.lamtheo)
            response.headers.contentType = .json
            return response
        }.requiring(.everyone)
    }

    static let document: JSONValue = withIntegerFormat([
        "openapi": "3.1.0",
        "info": [
            "title": "LamTheo API",
            "version": "1.0.0",
            "description": .string(description),
        ],
        "servers": [["url": "/api/v1"]],
        "paths": withCommonResponses(paths),
        "components": [
            "schemas": schemas, "parameters": parameters, "responses": responses,
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token from POST /auth/tokens"]],
        ],
        "security": [["bearer": []]],
    ])

    private static let description = """
        LamTheo's API for a Party organisation tree: organisations and their dated history; members, their transfers and \
        positions, and who has viewed their personal data; the document register with its abbreviation lists, committee \
        terms, relations and attachments; campaigns that launch a document down the tree and the obligations they give each \
        unit (submissions, reviews, extensions); study sessions with attendance and bridge points, and members' reflections \
        with their review; members' yearly commitments with check-ins, assessments, pledges and reminders; units' \
        breakthroughs with check-ins and evidence files; ratings of members and units by period, their closures and the \
        rules they are checked against; coverage figures at every level of the tree; imports of organisations and members \
        from CSV or XLSX (a job to poll) and exports in both formats; background jobs with their state, retry and cancel; \
        self-service for members (their own data, correction requests, reflections and ratings); accounts, roles and tokens.

        Conventions. Every operation but POST /auth/tokens and this document needs a bearer token from POST /auth/tokens \
        (Authorization: Bearer …), and reaches only the subtree the caller's roles cover. Errors are \
        application/problem+json (RFC 9457), with `errors` naming each field at fault: 400 for a body or query value that \
        cannot be read, 422 for one a rule refuses. Send Accept-Language: en or ?lang=en for English messages and texts \
        (Vietnamese by default). Dates are yyyy-MM-dd; instants are ISO 8601 date-times in UTC. Lists that can grow are paged \
        with ?page= (from 1) and ?per= (1–\(Paging.maximumPerPage), 50 by default) and answer {items, page, perPage, total}. \
        A figure nobody has reported on yet has a null count ("chưa báo cáo"), never 0. Integers are 64-bit. A query \
        parameter has one name everywhere: `unit` for the unit a list is about (formerly `within` or `organizationId`), \
        `campaign` for a campaign (formerly `campaignId`); the former names are still read. A path that has moved is still \
        served at its former address, listed as a deprecated operation.
        """

    // MARK: Paths

    private static let paths: JSONValue = [
        "/openapi.json": ["get": operation("getOpenAPI", "This document", tag: "Meta", ok: ["type": "object"], security: [])],
        "/auth/tokens": ["post": operation(
            "issueToken", "Exchange a username and password for a bearer token (shown once)", tag: "Accounts",
            body: ref("TokenRequest"), ok: ref("Token"), okStatus: "201", failures: ["401", "403", "422", "429", "503"], security: [])],
        "/auth/tokens/current": ["delete": operation(
            "revokeCurrentToken", "Revoke the token this request carries", tag: "Accounts", ok: nil, okStatus: "204", failures: ["401"])],
        "/imports": ["post": [
            "operationId": "startImport", "summary": "Import organisations or members from a CSV or XLSX file sent as the body; answers a job to poll",
            "tags": ["Spreadsheets"],
            "parameters": [
                ["name": "kind", "in": "query", "required": true, "schema": ["type": "string", "enum": ["orgs", "members"]]],
                ["name": "dryRun", "in": "query", "schema": ["type": "boolean", "default": true]],
                ["name": "sheet", "in": "query", "schema": ["type": "string"]],
                ["name": "fileName", "in": "query", "schema": ["type": "string"]],
            ],
            "requestBody": ["required": true, "content": [
                "text/csv": ["schema": ["type": "string", "format": "binary"]],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]],
            ]],
            "responses": ["202": ["description": "Started", "content": ["application/json": ["schema": ref("ImportJob")]]],
                          "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "422": ["$ref": "#/components/responses/422"], "429": ["$ref": "#/components/responses/429"]],
        ]],
        "/imports/{job}": ["get": operation(
            "getImport", "An import's progress, then its report with every row-level error", tag: "Spreadsheets",
            parameters: [["name": "job", "in": "path", "required": true, "schema": ["type": "string"]]], ok: ref("ImportJob"), failures: ["404"])],
        "/jobs": ["get": operation(
            "listJobs", "Background jobs (imports, reminders, e-mail…), newest first: an administrator's all, anyone else's their own", tag: "Jobs",
            parameters: [param("jobState"), param("jobKind"), param("page"), param("per")], ok: ref("JobPage"))],
        "/jobs/{job}": ["get": operation("getJob", "One job: its state, progress, attempts, summary or error (its owner or an administrator)", tag: "Jobs",
                                         parameters: [param("job")], ok: ref("Job"), failures: ["404"])],
        "/jobs/{job}/retry": ["post": operation(
            "retryJob", "Queue a failed, interrupted or cancelled job again, with a fresh series of attempts (its owner or an administrator)", tag: "Jobs",
            parameters: [param("job")], ok: ref("Job"), failures: ["404", "409"])],
        "/jobs/{job}/cancel": ["post": operation(
            "cancelJob", "Cancel a queued job, or ask a running one to stop (it ends as cancelled within seconds); its owner or an administrator", tag: "Jobs",
            parameters: [param("job")], ok: ref("Job"), failures: ["404", "409"])],
        "/exports/{kind}": ["get": [
            "operationId": "export", "summary": "The organisations or members of the caller's scope as CSV or XLSX (the import template)",
            "tags": ["Spreadsheets"],
            "parameters": [
                ["name": "kind", "in": "path", "required": true, "schema": ["type": "string", "enum": ["orgs", "members"]]],
                ["name": "format", "in": "query", "schema": ["type": "string", "enum": ["csv", "xlsx"], "default": "xlsx"]],
                param("subtree"),
            ],
            "responses": ["200": ["description": "The file", "content": [
                "text/csv": ["schema": ["type": "string", "format": "binary"]],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]],
            ]], "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
               "404": ["$ref": "#/components/responses/404"], "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/me": ["get": operation("getMe", "The caller and the roles they hold today", tag: "Accounts", ok: ref("Me"), failures: ["401"])],
        "/me/todos": ["get": operation("getMyTodos", "The caller's to-do list, most urgent first, with the headline figures of the subtrees they follow",
                                       tag: "Self-service", ok: ref("TodoList"), failures: ["401"])],
        "/me/data": ["get": operation("getMyData", "Everything LamTheo holds about the calling member", tag: "Self-service",
                                      ok: ref("MemberData"), failures: ["401", "403"])],
        "/me/corrections": ["post": operation(
            "requestCorrection", "Ask the cell's secretary to correct one's record", tag: "Self-service",
            body: ref("CorrectionRequestCreate"), ok: ref("CorrectionRequest"), okStatus: "201", failures: ["422"])],
        "/me/reflections": [
            "get": operation("listMyReflections", "The campaigns the calling member takes part in, each with their reflection or null", tag: "Self-service",
                             ok: ["type": "array", "items": ref("OwnReflection")], failures: ["401", "403"]),
            "post": reflectionSubmission("submitMyReflection", "Submit (or, once returned, resubmit) the calling member's own reflection",
                                         tag: "Self-service"),
        ],
        "/study-sessions": [
            "get": operation("listStudySessions", "Study sessions of the units in the caller's scope, newest first", tag: "Study",
                             parameters: [param("subtree"), param("campaign"), param("page"), param("per")],
                             ok: ref("StudySessionPage")),
            "post": operation("recordStudySession", "Record a study session held by a unit", tag: "Study",
                              body: ref("StudySessionCreate"), ok: ref("StudySessionDetail"), okStatus: "201", failures: ["422"]),
        ],
        "/study-sessions/{id}": [
            "get": operation("getStudySession", "A session with its documents, bridge points and the members marked", tag: "Study",
                             parameters: [param("id")], ok: ref("StudySessionDetail"), failures: ["404"]),
            "patch": operation("updateStudySession", "Change a session; absent fields keep their value, given lists replace the stored ones",
                               tag: "Study", parameters: [param("id")], body: ref("StudySessionUpdate"), ok: ref("StudySessionDetail"), failures: ["404", "422"]),
            "delete": operation("deleteStudySession", "Delete a session with its attendance", tag: "Study", parameters: [param("id")],
                                ok: nil, okStatus: "204", failures: ["404"]),
        ],
        "/study-sessions/{id}/attendance": ["put": operation(
            "takeAttendance", "Mark the listed members in one call; members not listed keep their mark, or with othersPresent are marked present if unmarked",
            tag: "Study", parameters: [param("id")], body: ref("AttendanceSheet"), ok: ref("StudySessionDetail"), failures: ["404", "422"])],
        "/reflections": [
            "get": operation("listCellReflections", "The members on a cell's roll, each with their reflection for a campaign or null", tag: "Study",
                             parameters: [["name": "campaign", "in": "query", "required": true, "description": "The campaign (its id); formerly `campaignId`, still read",
                                           "schema": ["type": "integer"]],
                                          ["name": "unit", "in": "query", "required": true, "description": "The cell (its id); formerly `organizationId`, still read",
                                           "schema": ["type": "integer"]]],
                             ok: ["type": "array", "items": ref("ReflectionEntry")], failures: ["404"]),
            "post": reflectionSubmission("submitReflection", "Submit a member's reflection on their behalf (memberId required)", tag: "Study"),
        ],
        "/reflections/{id}": ["get": operation(
            "getReflection", "One reflection", tag: "Study", parameters: [param("id")], ok: ref("Reflection"), failures: ["404"])],
        "/reflections/extensions": ["post": operation(
            "extendReflectionDeadline", "Give a unit (all the members of its subtree) or one member until a later date for their reflection, with a reason",
            tag: "Study", body: ref("ReflectionExtensionCreate"), ok: ref("ReflectionExtension"), okStatus: "201", failures: ["404", "409", "422"])],
        "/reflections/{id}/review": ["post": operation(
            "reviewReflection", "Accept a reflection awaiting review with a grade of the campaign's scale, or return it with a comment",
            tag: "Study", parameters: [param("id")], body: ref("ReflectionReview"), ok: ref("Reflection"), failures: ["404", "409", "422"])],
        "/users": ["post": operation(
            "createUser", "Create an account with its first role, inside the caller's scope", tag: "Accounts",
            body: ref("UserCreate"), ok: ref("User"), okStatus: "201", failures: ["403", "409", "422"])],
        "/users/{id}/grants": ["post": operation(
            "grantRole", "Give an account a role inside the caller's scope", tag: "Accounts",
            parameters: [param("id")], body: ref("GrantCreate"), ok: ref("Grant"), okStatus: "201", failures: ["403", "404", "422"])],
        "/grants/{id}": ["delete": operation(
            "revokeRole", "Take a role back; the last administrator role in force cannot be", tag: "Accounts", parameters: [param("id")],
            ok: ref("Grant"), failures: ["404", "409"])],
        "/me/password": ["post": operation(
            "changeMyPassword", "Change the caller's password (the current one required); their browser sessions end, their tokens stay",
            tag: "Accounts", body: ref("PasswordChange"), ok: nil, okStatus: "204", failures: ["422", "429", "503"])],
        "/me/sessions": [
            "get": operation("listMySessions", "The caller's browser sessions in force, the most recently seen first", tag: "Accounts",
                             ok: ["type": "array", "items": ref("Session")]),
            "delete": operation("endMySessions", "End every browser session of the caller's", tag: "Accounts", ok: nil, okStatus: "204"),
        ],
        "/me/sessions/{id}": ["delete": operation(
            "endMySession", "End one of the caller's browser sessions", tag: "Accounts", parameters: [param("id")], ok: nil, okStatus: "204",
            failures: ["404"])],
        "/me/tokens": ["get": operation(
            "listMyTokens", "The caller's API tokens in force (never the tokens themselves), the newest first", tag: "Accounts",
            ok: ["type": "array", "items": ref("TokenInfo")])],
        "/me/tokens/{id}": ["delete": operation(
            "revokeMyToken", "Revoke one of the caller's API tokens", tag: "Accounts", parameters: [param("id")], ok: nil, okStatus: "204",
            failures: ["404"])],
        "/users/{id}/password-reset": ["post": operation(
            "resetPassword", "Give an account the caller looks after a temporary password (shown once, changed at its next sign-in); its sessions and tokens end",
            tag: "Accounts", parameters: [param("id")], ok: ref("PasswordReset"), failures: ["403", "404"])],
        "/users/{id}/deactivation": ["post": operation(
            "deactivateUser", "Deactivate an account the caller looks after: no sign-in, no token; its sessions and tokens end at once",
            tag: "Accounts", parameters: [param("id")], ok: ref("User"), failures: ["403", "404", "409"])],
        "/users/{id}/reactivation": ["post": operation(
            "reactivateUser", "Reactivate a deactivated account the caller looks after (its ended sessions and tokens stay ended)",
            tag: "Accounts", parameters: [param("id")], ok: ref("User"), failures: ["403", "404", "409"])],
        "/organization-kinds": [
            "get": operation("listOrganizationKinds", "Kinds of organisation, higher levels first", tag: "Organizations",
                             ok: ["type": "array", "items": ref("OrganizationKind")]),
            "post": operation("createOrganizationKind", "Add a kind of organisation to the list", tag: "Organizations",
                              body: ref("OrganizationKindCreate"), ok: ref("OrganizationKind"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/organizations": [
            "get": operation("listOrganizations", "Search organisations, in Vietnamese name order", tag: "Organizations",
                             parameters: [param("q"), param("subtree"), param("kind"), param("includeClosed"), param("page"), param("per")],
                             ok: ref("OrganizationPage")),
            "post": operation("createOrganization", "Create an organisation", tag: "Organizations",
                              body: ref("OrganizationCreate"), ok: ref("Organization"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/organizations/{id}": [
            "get": operation("getOrganization", "One organisation with its subtree figures", tag: "Organizations",
                             parameters: [param("id")], ok: ref("Organization"), failures: ["404"]),
            "patch": operation("updateOrganization", "Rename, re-code or change the kind of an organisation", tag: "Organizations",
                               parameters: [param("id")], body: ref("OrganizationUpdate"), ok: ref("Organization"), failures: ["404", "409", "422"]),
        ],
        "/organizations/{id}/children": ["get": operation(
            "listOrganizationChildren", "Units directly under an organisation", tag: "Organizations",
            parameters: [param("id"), param("includeClosed")], ok: ["type": "array", "items": ref("Organization")], failures: ["404"])],
        "/organizations/{id}/history": ["get": operation(
            "getOrganizationHistory", "Every dated version of an organisation, oldest first", tag: "Organizations",
            parameters: [param("id")], ok: ["type": "array", "items": ref("OrganizationVersion")], failures: ["404"])],
        "/organizations/{id}/as-of/{date}": ["get": operation(
            "getOrganizationAsOf", "An organisation, its lineage and its children as they were on a past date", tag: "Organizations",
            parameters: [param("id"), param("date")], ok: ref("OrganizationAsOf"), failures: ["404", "422"])],
        "/organizations/{id}/move": ["post": operation(
            "moveOrganization", "Move an organisation and its whole subtree under another parent", tag: "Organizations",
            parameters: [param("id")], body: ref("OrganizationMove"), ok: ref("Organization"), failures: ["404", "422"])],
        "/organizations/{id}/merge": ["post": operation(
            "mergeOrganization", "Merge an organisation into another: its units and members go to the target, it is closed", tag: "Organizations",
            parameters: [param("id")], body: ref("OrganizationMerge"), ok: ref("Organization"), failures: ["404", "422"])],
        "/organizations/{id}/dissolve": ["post": operation(
            "dissolveOrganization", "Dissolve an organisation that has no members and no units left", tag: "Organizations",
            parameters: [param("id")], body: ref("OrganizationDissolve"), ok: ref("Organization"), failures: ["404", "422"])],
        "/members": [
            "get": operation("listMembers", "Search members, sorted by tên, chữ đệm, họ", tag: "Members",
                             parameters: [param("q"), param("subtree"), param("status"), param("gender"), param("page"), param("per")],
                             ok: ref("MemberPage"), failures: ["400"]),
            "post": operation("createMember", "Enrol a member in a cell", tag: "Members",
                              body: ref("MemberCreate"), ok: ref("MemberDetail"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/members/{id}": [
            "get": operation("getMember", "One member with transfers and positions", tag: "Members",
                             parameters: [param("id")], ok: ref("MemberDetail"), failures: ["404"]),
            "patch": operation("updateMember", "Change a member's details; absent fields keep their value", tag: "Members",
                               parameters: [param("id")], body: ref("MemberUpdate"), ok: ref("MemberDetail"), failures: ["404", "409", "422"]),
        ],
        "/members/{id}/transfer": ["post": operation(
            "transferMember", "Move a member to another cell", tag: "Members",
            parameters: [param("id")], body: ref("MemberTransferRequest"), ok: ref("MemberDetail"), failures: ["404", "422"])],
        "/members/{id}/positions": ["post": operation(
            "addMemberPosition", "Record a position the member holds", tag: "Members",
            parameters: [param("id")], body: ref("PositionCreate"), ok: ref("Position"), okStatus: "201", failures: ["404", "422"])],
        "/members/{id}/positions/{positionId}/end": ["post": operation(
            "endMemberPosition", "Record the end of a position", tag: "Members",
            parameters: [param("id"), param("positionId")], body: ref("PositionEnd"), ok: ref("Position"), failures: ["404", "422"])],
        "/members/{id}/viewers": ["get": operation(
            "listMemberViewers", "Who has seen the member's personal data: views of the member, and lists, searches and exports that showed them (administrators)",
            tag: "Members", parameters: [param("id")],
            ok: ["type": "array", "items": ref("PersonalDataView")],
            failures: ["404"])],
        "/document-abbreviations": [
            "get": operation("listDocumentAbbreviations", "The type and issuer abbreviations a document symbol may use", tag: "Documents",
                             ok: ref("DocumentAbbreviations")),
            "post": operation("addDocumentAbbreviation", "Add a type or an issuer to the lists (administrators)", tag: "Documents",
                              body: ref("DocumentAbbreviationCreate"), ok: ref("DocumentAbbreviation"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/committee-terms": [
            "get": operation("listCommitteeTerms", "Committee terms, oldest first; a document's number runs on within its term", tag: "Documents",
                             ok: ["type": "array", "items": ref("CommitteeTerm")]),
            "post": operation("addCommitteeTerm", "Add a term (administrators); the term in progress closes on the eve of the new one", tag: "Documents",
                              body: ref("CommitteeTermCreate"), ok: ref("CommitteeTerm"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/documents": [
            "get": operation("listDocuments", "Search the register, newest first: central documents and those issued in, above or below the caller's scope",
                             tag: "Documents", parameters: [param("documentQuery"), param("documentType"), param("issuer"), param("year"), param("page"), param("per")],
                             ok: ref("DocumentPage")),
            "post": operation("registerDocument", "Register a document; its number and symbol are read permissively and stored canonically",
                              tag: "Documents", body: ref("DocumentCreate"), ok: ref("DocumentDetail"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/documents/parse-number": ["get": operation(
            "parseDocumentNumber", "Read a number and symbol (\"Số 05 - ct/tw\") into its parts and canonical form, as a form would", tag: "Documents",
            parameters: [["name": "text", "in": "query", "required": true, "schema": ["type": "string"]]], ok: ref("DocumentNumber"), failures: ["422"])],
        "/documents/{id}": [
            "get": operation("getDocument", "One document with its relations (both ways) and attachments", tag: "Documents",
                             parameters: [param("id")], ok: ref("DocumentDetail"), failures: ["404"]),
            "patch": operation("updateDocument", "Change a document; absent fields keep their value", tag: "Documents",
                               parameters: [param("id")], body: ref("DocumentUpdate"), ok: ref("DocumentDetail"), failures: ["404", "409", "422"]),
        ],
        "/documents/{id}/relations": ["post": operation(
            "relateDocument", "Record that this document continues, replaces or implements another", tag: "Documents",
            parameters: [param("id")], body: ref("DocumentRelationCreate"), ok: ref("DocumentDetail"), okStatus: "201", failures: ["404", "409", "422"])],
        "/documents/{id}/relations/{relationId}": ["delete": operation(
            "unrelateDocument", "Remove a relation", tag: "Documents", parameters: [param("id"), param("relationId")], ok: nil, okStatus: "204",
            failures: ["404"])],
        "/documents/{id}/attachments": ["post": [
            "operationId": "attachDocumentFile", "summary": "Attach a PDF or DOCX (at most 20 MB) sent as the body; its type is read from its content",
            "tags": ["Documents"],
            "parameters": [param("id"), ["name": "fileName", "in": "query", "required": true, "schema": ["type": "string"]]],
            "requestBody": ["required": true, "content": attachmentContent],
            "responses": ["201": ["description": "Attached", "content": ["application/json": ["schema": ref("DocumentAttachment")]]],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"], "413": ["$ref": "#/components/responses/413"],
                          "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/documents/{id}/attachments/{attachmentId}": [
            "get": [
                "operationId": "downloadDocumentFile", "summary": "The attached file, under its stored media type and original name",
                "tags": ["Documents"], "parameters": [param("id"), param("attachmentId")],
                "responses": ["200": ["description": "The file", "content": attachmentContent],
                              "401": ["$ref": "#/components/responses/401"], "404": ["$ref": "#/components/responses/404"]],
            ],
            "delete": operation("removeDocumentFile", "Remove an attachment", tag: "Documents", parameters: [param("id"), param("attachmentId")],
                                ok: nil, okStatus: "204", failures: ["404"]),
        ],
        "/campaigns": [
            "get": operation("listCampaigns", "Campaigns launched in, above or below the caller's scope, newest first", tag: "Campaigns",
                             parameters: [param("q"), param("campaignStatus"), param("page"), param("per")], ok: ref("CampaignPage"), failures: ["400"]),
            "post": operation("launchCampaign", "Launch a document for a subtree; every unit of each requirement's kinds receives an obligation",
                              tag: "Campaigns", body: ref("CampaignCreate"), ok: ref("Campaign"), okStatus: "201", failures: ["404", "409", "422"]),
        ],
        "/campaigns/{id}": [
            "get": operation("getCampaign", "One campaign with its requirements", tag: "Campaigns", parameters: [param("id")], ok: ref("Campaign"),
                             failures: ["404"]),
            "patch": operation("updateCampaign", "Change a running campaign's title, dates, reflection deadline, late-work setting or requirements' due dates; absent fields keep their value",
                               tag: "Campaigns", parameters: [param("id")], body: ref("CampaignUpdate"), ok: ref("Campaign"), failures: ["404", "409", "422"]),
        ],
        "/campaigns/{id}/close": ["post": operation(
            "closeCampaign", "Close a campaign: its figures stay as they are", tag: "Campaigns", parameters: [param("id")], ok: ref("Campaign"),
            failures: ["404", "409"])],
        "/campaigns/{id}/publication": [
            "get": operation("getCampaignPublication", "Which of the campaign's figures the site of the unit shows, and those it may show (the site's editors)",
                             tag: "Campaigns", parameters: [param("id"), param("unit")], ok: ref("CampaignPublication"), failures: ["404"]),
            "put": operation("setCampaignPublication", "Publishes the chosen figures on the unit's site, or changes the choice; a figure not chosen is never shown",
                             tag: "Campaigns", parameters: [param("id"), param("unit")], body: ref("CampaignPublicationSet"), ok: ref("CampaignPublication"),
                             failures: ["404", "422"]),
            "delete": operation("withdrawCampaignPublication", "Takes the campaign's results off the unit's site", tag: "Campaigns",
                                parameters: [param("id"), param("unit")], ok: ref("CampaignPublication"), failures: ["404"]),
        ],
        "/campaigns/{id}/obligations": ["get": operation(
            "listObligations", "The obligations of a unit's subtree in a campaign, the most overdue first", tag: "Campaigns",
            parameters: [param("id"), param("unit"), param("obligationStatus"), param("page"), param("per")], ok: ref("ObligationPage"), failures: ["400", "404"])],
        "/campaigns/{id}/coverage": ["get": operation(
            "getCoverage", "How far the campaign has got at a unit: the unit itself, its subtree, and each child with the furthest behind first",
            tag: "Coverage", parameters: [param("id"), param("unit"), param("laggingSort")], ok: ref("CoverageReport"), failures: ["400", "404"])],
        "/campaigns/{id}/coverage/members": ["get": operation(
            "listCoverageMembers", "The members a coverage figure counts or leaves out, in Vietnamese name order", tag: "Coverage",
            parameters: [param("id"), param("unit"), param("coverageList"), param("page"), param("per")], ok: ref("CoverageMemberPage"), failures: ["400", "404"])],
        "/obligations/{id}": ["get": operation(
            "getObligation", "One obligation with its numbered submissions and their reviews", tag: "Campaigns", parameters: [param("id")],
            ok: ref("Obligation"), failures: ["404"])],
        "/obligations/{id}/submissions": ["post": operation(
            "submitObligation", "The unit submits (or resubmits after a return); a plan points to the unit's own plan, which then implements the campaign's document",
            tag: "Campaigns", parameters: [param("id")], body: ref("ObligationSubmissionCreate"), ok: ref("Obligation"), okStatus: "201", failures: ["404"])],
        "/obligations/{id}/review": ["post": operation(
            "reviewObligation", "A level above accepts the submission, or returns it with a comment", tag: "Campaigns", parameters: [param("id")],
            body: ref("ObligationReview"), ok: ref("Obligation"), failures: ["404"])],
        "/obligations/{id}/extension": ["post": operation(
            "extendObligation", "A level above gives this unit until a later date, with a reason", tag: "Campaigns", parameters: [param("id")],
            body: ref("ObligationExtension"), ok: ref("Obligation"), failures: ["404"])],
        "/commitments": [
            "get": operation("listCommitments", "A unit's commitments for a year (the rows behind a figure with list=); a member who reads no unit gets their own cell's",
                             tag: "Commitments", parameters: [param("commitmentUnit"), param("commitmentYear"), param("commitmentList"), param("page"), param("per")],
                             ok: ref("CommitmentPage"), failures: ["400", "404"]),
            "post": operation("registerCommitment", "Register a commitment: a member their own, an editor at the member's cell on their behalf",
                              tag: "Commitments", body: ref("CommitmentCreate"), ok: ref("Commitment"), okStatus: "201", failures: ["404", "409", "422"]),
        ],
        "/commitments/figures": ["get": operation(
            "getCommitmentFigures", "Registration, completion and assessment at a unit for a year: its own, its subtree's and each child's, lowest registration first",
            tag: "Commitments", parameters: [param("commitmentUnit"), param("commitmentYear")], ok: ref("CommitmentReport"), failures: ["404"])],
        "/commitments/pledges": ["post": operation(
            "pledge", "Record or replace a member's pledge of self-cultivation for a year", tag: "Commitments", body: ref("PledgeCreate"), ok: ref("Pledge"),
            failures: ["404", "409", "422"])],
        "/commitments/reminders": ["post": operation(
            "remindToRegister", "The cell reminds a member who has not registered for a year; the member sees it on their page", tag: "Commitments",
            body: ref("ReminderCreate"), ok: ref("Reminder"), okStatus: "201", failures: ["404", "422"])],
        "/commitments/templates": ["post": operation(
            "addCommitmentTemplate", "A suggested commitment for a campaign, which pre-fills the registration form", tag: "Commitments",
            body: ref("CommitmentTemplateCreate"), ok: ref("CommitmentTemplate"), okStatus: "201", failures: ["404", "422"])],
        "/commitments/{id}": [
            "get": operation("getCommitment", "One commitment with its check-ins (the member, their cell-mates and readers at the cell)", tag: "Commitments",
                             parameters: [param("id")], ok: ref("Commitment"), failures: ["404"]),
            "patch": operation("updateCommitment", "Change what, the measure, the deadline or the topic, until the cell has assessed it", tag: "Commitments",
                               parameters: [param("id")], body: ref("CommitmentCreate"), ok: ref("Commitment"), failures: ["404", "409"]),
        ],
        "/commitments/{id}/check-ins": ["post": [
            "operationId": "checkInCommitment", "summary": "A progress note with an optional share done, value reached and evidence file (PDF, DOCX, JPEG or PNG)",
            "tags": ["Commitments"], "parameters": [param("id")],
            "requestBody": ["required": true, "content": [
                "application/json": ["schema": ref("CommitmentCheckInCreate")],
                "multipart/form-data": ["schema": .object(properties: ["notedOn": .date, "note": .string, "progress": .integer, "value": .string,
                                                                       "evidence": .binary], required: ["note"])],
            ]],
            "responses": ["201": ["description": "Checked in", "content": ["application/json": ["schema": ref("Commitment")]]],
                          "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                          "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                          "409": ["$ref": "#/components/responses/409"], "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/commitments/{id}/check-ins/{checkInId}/evidence": ["get": [
            "operationId": "downloadCheckInEvidence", "summary": "A check-in's evidence file", "tags": ["Commitments"],
            "parameters": [param("id"), param("checkInId")],
            "responses": ["200": ["description": "The file", "content": evidenceContent],
                          "401": ["$ref": "#/components/responses/401"], "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/commitments/{id}/self-assessment": ["post": operation(
            "selfAssessCommitment", "The member's year-end self-assessment, with the explanation", tag: "Commitments", parameters: [param("id")],
            body: ref("Assessment"), ok: ref("Commitment"), failures: ["404", "409"])],
        "/commitments/{id}/assessment": ["post": operation(
            "assessCommitment", "The cell's assessment, which the figures count", tag: "Commitments", parameters: [param("id")],
            body: ref("Assessment"), ok: ref("Commitment"), failures: ["404", "409"])],
        // Ratings
        "/rating-periods": [
            "get": operation("listRatingPeriods", "Every rating period, the latest first", tag: "Ratings", ok: ["type": "array", "items": ref("RatingPeriod")]),
            "post": operation("createRatingPeriod", "Define a period (administrators)", tag: "Ratings", body: ref("RatingPeriodCreate"), ok: ref("RatingPeriod"),
                              okStatus: "201", failures: ["409", "422"]),
        ],
        "/rating-periods/{id}": ["put": operation(
            "updateRatingPeriod", "Change a period (administrators)", tag: "Ratings", parameters: [param("id")], body: ref("RatingPeriodCreate"),
            ok: ref("RatingPeriod"), failures: ["404", "409"])],
        "/rating-periods/{id}/figures": ["get": operation(
            "getRatingFigures", "A unit's subtree figures by decided level, each child's for the drill-down (\"chưa báo cáo\" where nothing is decided), its closures with their snapshots, and its quota when it decides",
            tag: "Ratings", parameters: [param("id"), ratingUnit], ok: ref("RatingFigures"), failures: ["404"])],
        "/rating-periods/{id}/closures": ["post": operation(
            "closeRatingPeriod", "Close the period for a unit's subtree: its ratings, commitments and breakthroughs are frozen and its figures kept as a snapshot",
            tag: "Ratings", parameters: [param("id")], body: ref("RatingClosureCreate"),
            ok: ref("RatingClosure"), okStatus: "201", failures: ["404", "409"])],
        "/rating-closures/{id}/reopen": ["post": operation(
            "reopenRatingPeriod", "Reopen a closed subtree, with the reason the audit trail keeps", tag: "Ratings", parameters: [param("id")],
            body: ref("RatingClosureReopen"), ok: ref("RatingClosure"), failures: ["404", "409"])],
        "/ratings": ["get": operation(
            "listRatings", "The members on the roll in a unit's subtree with their steps in a period, in Vietnamese name order", tag: "Ratings",
            parameters: [ratingPeriod, ratingUnit, param("page"), param("per")], ok: ref("RatingSheetRowPage"), failures: ["404"])],
        "/me/ratings": ["get": myRatings],
        "/ratings/mine": ["get": formerAddress(of: myRatings, now: "/me/ratings")],
        "/ratings/evidence": ["get": operation(
            "getRatingEvidence", "What LamTheo knows about a member's period, one section per source (study attendance, reflections)", tag: "Ratings",
            parameters: [ratingPeriod, ["name": "member", "in": "query", "required": true, "schema": ["type": "integer"]]],
            ok: ["type": "array", "items": ref("EvidenceSection")], failures: ["404"])],
        "/ratings/steps": ["post": operation(
            "recordRatingStep", "A self-assessment (the member), a proposal (the cell; for a unit the level above) or a decision (the grassroots committee; for a unit the level above). A decision over the quota is refused (409) with the rule's text and the numbers",
            tag: "Ratings", body: ref("RatingStepCreate"), ok: ref("RatingStep"), okStatus: "201", failures: ["404", "409", "422"])],
        "/rating-rules": ["get": operation("listRatingRules", "The rules ratings are checked against", tag: "Ratings", ok: ["type": "array", "items": ref("RatingRule")])],
        "/rating-rules/{id}": ["put": operation(
            "updateRatingRule", "Change a rule's parameter, text or whether it applies (administrators)", tag: "Ratings", parameters: [param("id")],
            body: ref("RatingRuleUpdate"), ok: ref("RatingRule"), failures: ["404"])],
        "/breakthroughs": [
            "get": operation("listBreakthroughs", "A unit's subtree's breakthroughs in a period, late and at risk first", tag: "Breakthroughs",
                             parameters: [param("breakthroughUnit"), param("period"), param("breakthroughStatus"), param("page"), param("per")],
                             ok: ref("BreakthroughPage"), failures: ["400", "404"]),
            "post": operation("setBreakthrough", "Set a unit's breakthrough; a vague one (no measurable target, no end date, only a slogan) is refused with what is missing",
                              tag: "Breakthroughs", body: ref("BreakthroughCreate"), ok: ref("Breakthrough"), okStatus: "201", failures: ["404", "409", "422"]),
        ],
        "/breakthroughs/rollup": ["get": operation(
            "getBreakthroughRollup", "A unit's subtree counted by status, and each child's; a subtree that has set none reads \"chưa báo cáo\"",
            tag: "Breakthroughs", parameters: [param("breakthroughUnit"), param("period")], ok: ref("BreakthroughRollup"), failures: ["404"])],
        "/breakthroughs/{id}": [
            "get": operation("getBreakthrough", "One breakthrough with its check-in log", tag: "Breakthroughs", parameters: [param("id")],
                             ok: ref("Breakthrough"), failures: ["404"]),
            "patch": operation("updateBreakthrough", "Change a breakthrough (the whole of it; the unit stays)", tag: "Breakthroughs", parameters: [param("id")],
                               body: ref("BreakthroughCreate"), ok: ref("Breakthrough"), failures: ["404", "409"]),
        ],
        "/breakthroughs/{id}/check-ins": ["post": [
            "operationId": "checkInBreakthrough",
            "summary": "Report progress: a value, or whether the deliverable is done, with an optional evidence file (PDF, DOCX, JPEG or PNG); refused once the period is closed for the unit",
            "tags": ["Breakthroughs"], "parameters": [param("id")],
            "requestBody": ["required": true, "content": [
                "application/json": ["schema": ref("CheckInCreate")],
                "multipart/form-data": ["schema": .object(properties: ["checkedOn": .date, "value": .number, "done": .boolean,
                                                                       "note": .string, "evidence": .string, "evidenceFile": .binary])],
            ]],
            "responses": ["201": ["description": "Checked in", "content": ["application/json": ["schema": ref("Breakthrough")]]],
                          "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                          "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                          "409": ["$ref": "#/components/responses/409"], "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/breakthroughs/{id}/check-ins/{checkInId}/evidence": ["get": [
            "operationId": "downloadBreakthroughEvidence", "summary": "A breakthrough check-in's evidence file, to whoever reads the breakthrough",
            "tags": ["Breakthroughs"], "parameters": [param("id"), param("checkInId")],
            "responses": ["200": ["description": "The file", "content": evidenceContent],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/feedback": ["get": operation(
            "listFeedback", "Citizens' feedback in a unit's subtree: overdue first, then open by nearest deadline, then answered, newest first",
            tag: "Feedback", parameters: [param("subtree"), param("feedbackStatus"), param("page"), param("per")], ok: ref("FeedbackSummaryPage"),
            failures: ["404"])],
        "/feedback/{id}": ["get": operation(
            "getFeedback", "One feedback item with its sender's contact details (each view logged as a personal-data view), files and log",
            tag: "Feedback", parameters: [param("id")], ok: ref("Feedback"), failures: ["404"])],
        "/feedback/{id}/acknowledgement": ["post": operation(
            "acknowledgeFeedback", "The unit responsible acknowledges a newly received item", tag: "Feedback", parameters: [param("id")],
            ok: ref("Feedback"), failures: ["404", "422"])],
        "/feedback/{id}/forward": ["post": operation(
            "forwardFeedback", "Hands an open item to a unit under the one responsible (recorded in its log); the deadline stays", tag: "Feedback",
            parameters: [param("id")], body: ref("FeedbackForward"), ok: ref("Feedback"), failures: ["404", "422"])],
        "/feedback/{id}/answer": ["post": operation(
            "answerFeedback", "Answers an open item", tag: "Feedback", parameters: [param("id")], body: ref("FeedbackAnswer"), ok: ref("Feedback"),
            failures: ["404", "422"])],
        "/feedback/{id}/rejection": ["post": operation(
            "rejectFeedback", "Settles an open item without taking it up, with the reason the sender sees", tag: "Feedback", parameters: [param("id")],
            body: ref("FeedbackRejection"), ok: ref("Feedback"), failures: ["404", "422"])],
        "/feedback/{id}/publication": ["post": operation(
            "publishFeedback", "Publishes the answer of an answered item whose sender agreed: anyone with the code reads it", tag: "Feedback",
            parameters: [param("id")], ok: ref("Feedback"), failures: ["404", "422"])],
        "/feedback/{id}/contact-erasure": ["post": operation(
            "eraseFeedbackContact", "Erases the sender's contact details and files at their request; the record and its figures stay", tag: "Feedback",
            parameters: [param("id")], ok: ref("Feedback"), failures: ["404", "422"])],
        "/feedback/{id}/attachments/{attachmentId}": ["get": [
            "operationId": "downloadFeedbackAttachment", "summary": "A file sent with a feedback item (each download logged as a personal-data view)",
            "tags": ["Feedback"], "parameters": [param("id"), param("attachmentId")],
            "responses": ["200": ["description": "The file", "content": evidenceContent],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/feedback/track": ["post": operation(
            "trackFeedback", "Where an item stands, by its tracking code (in the body, out of addresses and logs); its answer once published; never the sender's details. Lookups are limited per address",
            tag: "Feedback", body: ref("FeedbackTrackingRequest"), ok: ref("FeedbackTracking"), failures: ["404", "429"], security: [])],
        "/site/{slug}/feedback/token": ["get": operation(
            "getFeedbackFormToken", "A signed form token for a site's feedback form (send it 3 s to 2 h later), with the challenge to answer when the address has sent several lately",
            tag: "Feedback", parameters: [param("slug")], ok: ref("FeedbackFormToken"), failures: ["404"], security: [])],
        "/site/{slug}/feedback": ["post": operation(
            "submitFeedback", "Sends an opinion or petition to the site's committee; answers its tracking code. Refused: a filled honeypot, a token too fresh, too old or altered, a wrong challenge answer, the same text again (422); too many from the address or to the site (429)",
            tag: "Feedback", parameters: [param("slug")], body: ref("FeedbackSubmission"), ok: ref("FeedbackReceipt"), okStatus: "201",
            failures: ["404", "422", "429"], security: [])],
        "/follow-ups": ["get": operation(
            "listFollowUps", "A unit's follow-up tasks (from briefings' conclusions, inspections' recommendations…), its own or its subtree's: overdue first, then returned, open by nearest deadline, reported, finished",
            tag: "Follow-ups", parameters: [param("breakthroughUnit"), param("followUpScope"), param("followUpStatus"), param("followUpOrigin"), param("followUpIssuer"), param("page"), param("per")],
            ok: ref("FollowUpTaskPage"), failures: ["400", "404"])],
        "/follow-ups/figures": ["get": operation(
            "getFollowUpFigures", "A unit's own and its subtree's tasks by origin and status; overdue counted today; a unit without tasks has total 0",
            tag: "Follow-ups", parameters: [param("breakthroughUnit")], ok: ref("FollowUpFigures"), failures: ["404"])],
        "/follow-ups/{id}": ["get": operation("getFollowUp", "One task with its dated log", tag: "Follow-ups", parameters: [param("id")],
                                              ok: ref("FollowUpTask"), failures: ["404"])],
        "/follow-ups/{id}/reports": ["post": operation(
            "reportFollowUp", "The owner unit reports what was done, with its evidence; refused while a report awaits review or once finished",
            tag: "Follow-ups", parameters: [param("id")], body: ref("FollowUpReportCreate"), ok: ref("FollowUpTask"), okStatus: "201", failures: ["404", "422"])],
        "/follow-ups/{id}/review": ["post": operation(
            "reviewFollowUp", "The issuing unit accepts the report or returns it with a reason", tag: "Follow-ups", parameters: [param("id")],
            body: ref("FollowUpReview"), ok: ref("FollowUpTask"), failures: ["404", "422"])],
        "/follow-ups/{id}/extension": ["post": operation(
            "extendFollowUp", "The issuing unit gives more time, with the reason", tag: "Follow-ups", parameters: [param("id")],
            body: ref("FollowUpExtension"), ok: ref("FollowUpTask"), failures: ["404", "422"])],
        "/follow-ups/{id}/cancellation": ["post": operation(
            "cancelFollowUp", "The issuing unit cancels the task, with the reason", tag: "Follow-ups", parameters: [param("id")],
            body: ref("FollowUpCancellation"), ok: ref("FollowUpTask"), failures: ["404", "422"])],
        "/library": [
            "get": operation("listLibrary", "The study material the caller reads (their units' and the units above them), newest change first; words matched without tones or marks",
                             tag: "Library", parameters: [param("q"), param("libraryKind"), param("libraryTopic"), param("campaign"), param("page"), param("per")],
                             ok: ref("LibraryItemPage"), failures: ["400"]),
            "post": librarySave("createLibraryItem", "An editing officer of the unit adds an item (version 1): a file or a link, its topics, campaigns and required reading"),
        ],
        "/library/{id}": ["get": operation(
            "getLibraryItem", "One item as its latest version says, its campaigns and every version", tag: "Library", parameters: [param("id")],
            ok: ref("LibraryItemDetail"), failures: ["404"])],
        "/library/{id}/versions": ["post": librarySave(
            "reviseLibraryItem", "Saves the item's next version (the earlier ones are kept); without a file or a link it keeps its own", id: true)],
        "/library/{id}/readings": ["post": operation(
            "readLibraryItem", "Records the calling member's reading of the item, once (counted toward the campaigns that require it)", tag: "Library",
            parameters: [param("id")], ok: ref("LibraryReading"), failures: ["404", "422"])],
        "/notifications": ["get": operation(
            "listNotifications", "The caller's notifications, newest first: reminders of their dated items and digests of the units lagging below them",
            tag: "Notifications", parameters: [param("unreadOnly"), param("page"), param("per")], ok: ref("NotificationPage"), failures: ["400"])],
        "/notifications/{id}": ["get": operation("getNotification", "One of the caller's notifications", tag: "Notifications", parameters: [param("id")],
                                                 ok: ref("Notification"), failures: ["404"])],
        "/notifications/{id}/read": ["post": operation("readNotification", "Marks one of the caller's notifications read", tag: "Notifications",
                                                       parameters: [param("id")], ok: ref("Notification"), failures: ["404"])],
        "/notifications/read": ["post": operation("readAllNotifications", "Marks all the caller's notifications read", tag: "Notifications",
                                                  ok: ref("NotificationsMarkedRead"))],
        "/me/notifications": [
            "get": operation("getNotificationSettings", "How the caller hears: the inbox always; e-mail one by one or in a morning digest",
                             tag: "Notifications", ok: ref("NotificationSettings")),
            "put": operation("setNotificationSettings", "Sets how the caller hears; e-mail needs a valid address", tag: "Notifications",
                             body: ref("NotificationSettingsUpdate"), ok: ref("NotificationSettings"), failures: ["400", "422"]),
        ],
        "/reminders": ["get": operation(
            "listSentReminders", "The notifications sent about a unit's subtree (reminders and digests), newest first, with their recipients and e-mail state",
            tag: "Notifications", parameters: [param("breakthroughUnit"), param("page"), param("per")], ok: ref("SentNotificationPage"), failures: ["400", "404"])],
        "/reminders/upcoming": ["get": operation(
            "listUpcomingReminders", "What the reminders of a day (tomorrow by default) would send about a unit's subtree, without sending it; at most 100",
            tag: "Notifications", parameters: [param("breakthroughUnit"), param("reminderDay")], ok: ["type": "array", "items": ref("UpcomingReminder")],
            failures: ["404"])],
        "/reminders/rules": [
            "get": operation("listReminderSchedules", "The reminder schedule in force at a unit for each kind: its own, one from above, or the default",
                             tag: "Notifications", parameters: [param("breakthroughUnit")], ok: ["type": "array", "items": ref("ReminderSchedule")], failures: ["404"]),
            "post": operation("setReminderSchedule", "Sets the unit's own schedule for a kind, for its subtree (replacing its former one)",
                              tag: "Notifications", parameters: [param("breakthroughUnit")], body: ref("ReminderRuleSet"), ok: ref("ReminderSchedule"),
                              okStatus: "201", failures: ["400", "404", "422"]),
        ],
        "/dashboard": ["get": operation(
            "getDashboard", "A unit's dashboard: each section's figures for its subtree on a day (from stored roll-ups) with how each is computed and its value on the same day of the period before, the children compared by the lead figure (lagging first), and the lead figure's trend over the period (from the daily snapshots)",
            tag: "Dashboards", parameters: [param("breakthroughUnit"), param("dashboardDay"), param("reportingPeriod")], ok: ref("Dashboard"), failures: ["404"])],
        "/portal/articles": [
            "get": operation("listArticles", "A public site's articles, every state, newest first (editors of the site)", tag: "Public sites",
                             parameters: [param("portalSite")], ok: ["type": "array", "items": ref("Article")], failures: ["400", "404"]),
            "post": operation("createArticle", "An editor writes an article: a draft, version 1; the body's HTML is sanitized to the allow-list",
                              tag: "Public sites", parameters: [param("portalSite")], body: ref("ArticleInput"), ok: ref("Article"), okStatus: "201",
                              failures: ["400", "404", "422"]),
        ],
        "/portal/articles/{id}": [
            "get": operation("getArticle", "One article as its editors see it", tag: "Public sites", parameters: [param("id")], ok: ref("Article"), failures: ["404"]),
            "patch": operation("updateArticle", "Saves a new version of the article (every version is kept)", tag: "Public sites", parameters: [param("id")],
                               body: ref("ArticleInput"), ok: ref("Article"), failures: ["404", "422"]),
        ],
        "/portal/articles/{id}/submit": ["post": operation(
            "submitArticle", "Sends a draft (or an unpublished article) for review", tag: "Public sites", parameters: [param("id")], ok: ref("Article"),
            failures: ["404", "409"])],
        "/portal/articles/{id}/publish": ["post": operation(
            "publishArticle", "Publishes now, or at publishAt (scheduled: readers see it from then)", tag: "Public sites", parameters: [param("id")],
            body: ref("ArticlePublication"), ok: ref("Article"), failures: ["404", "422"])],
        "/portal/articles/{id}/unpublish": ["post": operation(
            "unpublishArticle", "Takes a published or scheduled article down", tag: "Public sites", parameters: [param("id")], ok: ref("Article"),
            failures: ["404", "409"])],
        "/portal/comments": ["get": operation(
            "listComments", "A public site's readers' comments for its moderators (editors of the site): every pending one, oldest first, then the 50 latest decided; with the commenters' e-mails (each answer logged as a personal-data view)",
            tag: "Public sites", parameters: [param("portalSite"), param("commentStatus")], ok: ["type": "array", "items": ref("Comment")], failures: ["400", "404"])],
        "/portal/comments/{id}/approve": ["post": operation(
            "approveComment", "Shows the comment under its article (a rejected one too, on second thoughts)", tag: "Public sites", parameters: [param("id")],
            ok: ref("Comment"), failures: ["404", "409"])],
        "/portal/comments/{id}/reject": ["post": operation(
            "rejectComment", "Keeps the comment off the article (or takes an approved one down), with the reason", tag: "Public sites", parameters: [param("id")],
            body: ref("CommentRejection"), ok: ref("Comment"), failures: ["404", "409", "422"])],
        "/portal/comments/{id}/answer": ["post": operation(
            "answerComment", "The official answer, as the editors or the committee, shown under the comment once approved; replaces a former one",
            tag: "Public sites", parameters: [param("id")], body: ref("CommentAnswer"), ok: ref("Comment"), failures: ["404", "409", "422"])],
        "/site/{slug}/articles/{id}/comments": [
            "get": operation("listPublicComments", "A published article's approved comments, oldest first, with their official answers; never an e-mail",
                             tag: "Public sites", parameters: [param("slug"), param("id")], ok: ["type": "array", "items": ref("PublicComment")],
                             failures: ["404"], security: []),
            "post": operation("submitComment", "A reader comments on a published article; held for moderation. Refused: a filled honeypot, a token too fresh, too old or altered, a wrong challenge answer, the same text again (422); too many from the address or on the article (429)",
                              tag: "Public sites", parameters: [param("slug"), param("id")], body: ref("CommentSubmission"), ok: ref("CommentReceipt"),
                              okStatus: "201", failures: ["404", "422", "429"], security: []),
        ],
        "/site/{slug}/articles/{id}/comments/token": ["get": operation(
            "getCommentFormToken", "A signed form token for an article's comment form (send it 3 s to 2 h later), with the challenge to answer when the address has sent several lately",
            tag: "Public sites", parameters: [param("slug"), param("id")], ok: ref("CommentFormToken"), failures: ["404"], security: [])],
        "/reports": [
            "get": operation("listReports", "A unit's own reports, newest first", tag: "Reports", parameters: [param("breakthroughUnit"), param("page"), param("per")],
                             ok: ref("ReportSummaryPage"), failures: ["400", "404"]),
            "post": operation("createReport", "An editor of the unit drafts a report (sơ kết, tổng kết) from its dashboard on a day over a period; a background job gathers the figures (status composing, then draft)",
                              tag: "Reports", body: ref("ReportCreate"), ok: ref("Report"), okStatus: "201", failures: ["404", "422"]),
        ],
        "/reports/{id}": [
            "get": operation("getReport", "A report: its header, the author's text by part, the figures with how each is computed, and the versions issued",
                             tag: "Reports", parameters: [param("id")], ok: ref("Report"), failures: ["404"]),
            "patch": operation("updateReport", "Edit the draft's header, signature, recipients and text; the figures come from the data", tag: "Reports",
                               parameters: [param("id")], body: ref("ReportUpdate"), ok: ref("Report"), failures: ["404"]),
        ],
        "/reports/{id}/refresh": ["post": operation(
            "refreshReport", "Gather the figures again for the same day and period (after data was corrected); the text stays", tag: "Reports",
            parameters: [param("id")], ok: ref("Report"), failures: ["404"])],
        "/reports/{id}/issue": ["post": operation(
            "issueReport", "Register the draft as the unit's document of type BC and archive it as a new version: the DOCX and the XLSX annex as issued, with their SHA-256",
            tag: "Reports", parameters: [param("id")], body: ref("ReportIssue"), ok: ref("Report"), okStatus: "201", failures: ["404", "409"])],
        "/reports/{id}/draft/{format}": ["get": reportFile(
            "downloadReportDraft", "The draft rendered now in the Party's format (number left blank, dated today): DOCX, PDF (LibreOffice; 503 when it is not installed) or the XLSX annex",
            parameters: [param("id"), param("reportFormat")])],
        "/reports/{id}/versions/{version}/{format}": ["get": reportFile(
            "downloadReportVersion", "An issued version exactly as issued (DOCX and XLSX: the archived bytes; PDF: converted from that DOCX)",
            parameters: [param("id"), param("reportVersion"), param("reportFormat")])],
        "/reminders/rules/{id}": ["delete": operation("removeReminderSchedule", "Removes a unit's own schedule: the one from above, or the default, applies again",
                                                      tag: "Notifications", parameters: [param("id")], ok: nil, okStatus: "204", failures: ["404"])],
        "/briefings": [
            "get": operation("listBriefings", "A unit's briefings, latest first: those convened in its subtree and those it is invited to", tag: "Briefings",
                             parameters: [param("breakthroughUnit"), param("page"), param("per")], ok: ref("BriefingPage"), failures: ["400", "404"]),
            "post": operation("createBriefing", "An editor of the convening committee sets up a briefing: theme, date, place or link, the units invited under it, agenda, questions, lead report and the contributions' deadline",
                              tag: "Briefings", body: ref("BriefingCreate"), ok: ref("Briefing"), okStatus: "201", failures: ["404", "422"]),
        ],
        "/briefings/{id}": ["get": operation(
            "getBriefing", "One briefing: its invited units and who has contributed, the contributions, the count of those presented, the conclusions with their tasks, and the previous briefing of its series with its tasks' state",
            tag: "Briefings", parameters: [param("id")], ok: ref("Briefing"), failures: ["404"])],
        "/briefings/{id}/contributions": ["post": [
            "operationId": "contributeToBriefing",
            "summary": "An invited unit's editor sends its contribution (a summary and an optional PDF, DOCX, JPEG or PNG); after the deadline it is marked late, or refused when the briefing takes no late ones",
            "tags": ["Briefings"], "parameters": [param("id")],
            "requestBody": ["required": true, "content": [
                "application/json": ["schema": ref("ContributionCreate")],
                "multipart/form-data": ["schema": .object(properties: ["organizationId": .integer, "summary": .string, "file": .binary],
                                                          required: ["organizationId", "summary"])],
            ]],
            "responses": ["201": ["description": "Sent", "content": ["application/json": ["schema": ref("Briefing")]]],
                          "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                          "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                          "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/briefings/{id}/contributions/{contributionId}/presented": ["post": operation(
            "markContributionPresented", "The committee marks a contribution as presented at the meeting (from the meeting's day on)", tag: "Briefings",
            parameters: [param("id"), param("contributionId")], ok: ref("Briefing"), failures: ["404", "422"])],
        "/briefings/{id}/contributions/{contributionId}/file": ["get": [
            "operationId": "downloadContributionFile", "summary": "A contribution's file, to whoever reads the briefing", "tags": ["Briefings"],
            "parameters": [param("id"), param("contributionId")],
            "responses": ["200": ["description": "The file", "content": evidenceContent],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/briefings/{id}/conclusions": ["post": operation(
            "concludeBriefing", "The committee adds the next numbered conclusion point and, optionally, the follow-up task it becomes for one or more units (all or nothing)",
            tag: "Briefings", parameters: [param("id")], body: ref("ConclusionCreate"), ok: ref("Briefing"), okStatus: "201", failures: ["404", "422"])],
        "/briefings/{id}/notice": [
            "get": operation("getBriefingNotice", "The conclusion notice drafted from the briefing and its conclusions", tag: "Briefings",
                             parameters: [param("id")], ok: ref("BriefingNotice"), failures: ["404"]),
            "post": operation("registerBriefingNotice", "The committee registers the notice as its document of type TB (once; after at least one conclusion)",
                              tag: "Briefings", parameters: [param("id")], body: ref("BriefingNoticeCreate"), ok: ref("BriefingNotice"), okStatus: "201",
                              failures: ["404", "409", "422"]),
        ],
        "/briefings/{id}/notice/docx": ["get": [
            "operationId": "downloadBriefingNotice", "summary": "The conclusion notice as a DOCX in the Party's format (Hướng dẫn 36-HD/VPTW), numbered and dated as registered",
            "tags": ["Briefings"], "parameters": [param("id")],
            "responses": ["200": ["description": "The DOCX", "content": .object([(MediaType.docx, ["schema": .binary] as JSONValue)])],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/inspections/{id}/conclusion/docx": ["get": [
            "operationId": "downloadInspectionConclusion", "summary": "The conclusion drafted from the inspection's record (findings, criticisms, recommendations) as a DOCX in the Party's format, numbered and dated as registered once it is",
            "tags": ["Inspections"], "parameters": [param("id")],
            "responses": ["200": ["description": "The DOCX", "content": .object([(MediaType.docx, ["schema": .binary] as JSONValue)])],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/exemplars": [
            "get": operation("listExemplars", "The exemplars of a unit's subtree (mô hình hay, gương điển hình), latest nominated first", tag: "Exemplars",
                             parameters: [param("breakthroughUnit"), param("exemplarState"), param("exemplarKind"), param("page"), param("per")],
                             ok: ref("ExemplarSummaryPage"), failures: ["400", "404"]),
            "post": operation("nominateExemplar", "The unit or its parent nominates an exemplar: a collective whose unit was rated below the configured level in the last year period is refused, saying why",
                              tag: "Exemplars", body: ref("ExemplarCreate"), ok: ref("Exemplar"), okStatus: "201", failures: ["404", "422"]),
        ],
        "/exemplars/figures": ["get": operation(
            "getExemplarFigures", "A unit's own and its subtree's exemplars registered, commended and replicated, and adoptions made there (the subtree's from its stored tally)",
            tag: "Exemplars", parameters: [param("breakthroughUnit")], ok: ref("ExemplarFigures"), failures: ["404"])],
        "/exemplars/authority": [
            "get": operation("listCommendationAuthority", "Who may grant which form of commendation, as dated rules by organisation kind", tag: "Exemplars",
                             ok: ["type": "array", "items": ref("CommendationAuthorityRule")]),
            "post": operation("addCommendationAuthorityVersion", "Administrators: a new version of one kind's forms from a day on; the kind's rules in force then end the day before",
                              tag: "Exemplars", body: ref("CommendationAuthorityVersion"), ok: ["type": "array", "items": ref("CommendationAuthorityRule")],
                              okStatus: "201", failures: ["422"]),
        ],
        "/exemplars/nomination-rule": [
            "get": operation("getExemplarNominationRule", "The lowest rating a unit needs in the last year period to be nominated as a collective exemplar",
                             tag: "Exemplars", ok: ref("ExemplarNominationRule")),
            "put": operation("setExemplarNominationRule", "Administrators: change that level", tag: "Exemplars", body: ref("ExemplarNominationRuleUpdate"),
                             ok: ref("ExemplarNominationRule"), failures: ["422"]),
        ],
        "/exemplars/{id}": ["get": operation(
            "getExemplar", "One exemplar: its facts, figures before and after, evidence, dated log, commendations and where it spread; readable by every reader once commended",
            tag: "Exemplars", parameters: [param("id")], ok: ref("Exemplar"), failures: ["404"])],
        "/exemplars/{id}/verification": ["post": operation(
            "verifyExemplar", "An editor of the level above verifies the nominated exemplar, saying what was checked", tag: "Exemplars",
            parameters: [param("id")], body: ref("ExemplarVerification"), ok: ref("Exemplar"), failures: ["404", "422"])],
        "/exemplars/{id}/commendations": ["post": operation(
            "commendExemplar", "An editor of the granting level (the unit or above) records a commendation with its decision; refused above the level's authority on that date or a second time at one level",
            tag: "Exemplars", parameters: [param("id")], body: ref("CommendationCreate"), ok: ref("Exemplar"), okStatus: "201", failures: ["404", "422"])],
        "/exemplars/{id}/replication-requests": ["post": operation(
            "requestExemplarReplication", "A committee asks units under it to replicate a commended exemplar: one follow-up task (origin replication) each",
            tag: "Exemplars", parameters: [param("id")], body: ref("ReplicationRequest"), ok: ["type": "array", "items": ref("FollowUpTask")], okStatus: "201",
            failures: ["404", "422"])],
        "/exemplars/{id}/adoptions": ["post": operation(
            "adoptExemplar", "An editor of another unit records its adoption with the results; the unit's replication task, if any, is reported with them",
            tag: "Exemplars", parameters: [param("id")], body: ref("AdoptionCreate"), ok: ref("Exemplar"), okStatus: "201", failures: ["404", "422"])],
        "/exemplars/{id}/evidence": ["post": [
            "operationId": "addExemplarEvidence", "summary": "An editor of the unit adds an evidence file (PDF, DOCX, JPEG or PNG) with what it shows",
            "tags": ["Exemplars"], "parameters": [param("id")],
            "requestBody": ["required": true, "content": [
                "application/json": ["schema": ref("ExemplarEvidenceCreate")],
                "multipart/form-data": ["schema": .object(properties: ["description": .string, "file": .binary], required: ["file"])],
            ]],
            "responses": ["201": ["description": "Added", "content": ["application/json": ["schema": ref("Exemplar")]]],
                          "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                          "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                          "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/exemplars/{id}/evidence/{evidenceId}": ["get": [
            "operationId": "downloadExemplarEvidence", "summary": "An exemplar's evidence file, to whoever reads the exemplar", "tags": ["Exemplars"],
            "parameters": [param("id"), param("evidenceId")],
            "responses": ["200": ["description": "The file", "content": evidenceContent],
                          "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                          "404": ["$ref": "#/components/responses/404"]],
        ]],
        "/inspections": [
            "get": operation("listInspections", "The inspections and supervisions concerning a unit's subtree, latest first: decided by a committee in it or inspecting a unit in it",
                             tag: "Inspections", parameters: [param("breakthroughUnit"), param("page"), param("per")], ok: ref("InspectionSummaryPage"),
                             failures: ["400", "404"]),
            "post": operation("createInspection", "An editor of the deciding committee records the decision: kind, decision document, subject, period, schedule, units in its subtree and the team (one leader)",
                              tag: "Inspections", body: ref("InspectionCreate"), ok: ref("Inspection"), okStatus: "201", failures: ["404", "422"]),
        ],
        "/inspections/{id}": ["get": operation(
            "getInspection", "One inspection: its facts, team, units with their self-reports (late marked), sessions, findings with their criticisms, conclusion, recommendations with their tasks' states, and each step done or not",
            tag: "Inspections", parameters: [param("id")], ok: ref("Inspection"), failures: ["404"])],
        "/inspections/{id}/reads": ["get": operation(
            "listInspectionReads", "The team's views of the inspected units' records under the inspection's read-only grant, latest first (the committee's readers)",
            tag: "Inspections", parameters: [param("id")], ok: .array(of: ref("InspectionRead")), failures: ["404"])],
        "/inspections/{id}/plan": ["post": operation(
            "sendInspectionPlan", "The committee records the plan and the self-report outline as sent", tag: "Inspections", parameters: [param("id")], body: ref("InspectionPlan"), ok: ref("Inspection"), okStatus: "200",
            failures: ["404", "422"])],
        "/inspections/{id}/self-reports": ["post": operation(
            "recordInspectionSelfReport", "An inspected unit's self-report (a document or its summary), after the plan; late when after its date", tag: "Inspections", parameters: [param("id")], body: ref("InspectionSelfReportCreate"), ok: ref("Inspection"), okStatus: "201",
            failures: ["404", "422"])],
        "/inspections/{id}/sessions": ["post": operation(
            "recordInspectionSession", "A working session at an inspected unit, within the schedule, with its minutes; after the plan", tag: "Inspections", parameters: [param("id")], body: ref("InspectionSessionCreate"), ok: ref("Inspection"), okStatus: "201",
            failures: ["404", "422"])],
        "/inspections/{id}/findings": ["post": operation(
            "recordInspectionFinding", "A strength or shortcoming of an inspected unit, optionally tied to a commitment, a breakthrough or a figure; after a session", tag: "Inspections", parameters: [param("id")], body: ref("InspectionFindingCreate"), ok: ref("Inspection"), okStatus: "201",
            failures: ["404", "422"])],
        "/inspections/{id}/criticisms": ["post": operation(
            "recordInspectionCriticism", "A criticism of a collective or a person, resting on a finding of the inspection", tag: "Inspections", parameters: [param("id")], body: ref("InspectionCriticismCreate"), ok: ref("Inspection"), okStatus: "201",
            failures: ["404", "422"])],
        "/inspections/{id}/conclusion": ["post": operation(
            "concludeInspection", "The conclusion notice (a registered document); after the findings", tag: "Inspections", parameters: [param("id")], body: ref("InspectionConclusion"), ok: ref("Inspection"), okStatus: "200",
            failures: ["404", "422"])],
        "/inspections/{id}/recommendations": ["post": operation(
            "recommendAfterInspection", "A recommendation: a follow-up task for each unit named, with its deadline; after the conclusion", tag: "Inspections", parameters: [param("id")], body: ref("InspectionRecommendationCreate"), ok: ref("Inspection"), okStatus: "201",
            failures: ["404", "422"])],
        "/inspections/{id}/closure": ["post": operation(
            "closeInspection", "Closes the inspection; refused, naming them, while steps before it are not done (every recommendation accepted or cancelled)", tag: "Inspections", parameters: [param("id")], body: ref("InspectionClosure"), ok: ref("Inspection"), okStatus: "200",
            failures: ["404", "422"])],
    ]

    private static let myRatings = operation("listMyRatings", "The caller's own ratings in every period (members)", tag: "Ratings",
                                             ok: ["type": "array", "items": ref("OwnRating")])

    private static let ratingPeriod: JSONValue = ["name": "period", "in": "query", "required": true, "schema": ["type": "integer"]]
    private static let ratingUnit: JSONValue = ["name": "unit", "in": "query", "description": "A unit the caller reads (its id); by default the caller's own",
                                                "schema": ["type": "integer"]]

    // MARK: Components

    private static let parameters: JSONValue = [
        "id": ["name": "id", "in": "path", "required": true, "schema": ["type": "integer"]],
        "positionId": ["name": "positionId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "date": ["name": "date", "in": "path", "required": true, "schema": ["type": "string", "format": "date"]],
        "q": ["name": "q", "in": "query", "description": "Search text; case, tones, marks and đ/d are ignored", "schema": ["type": "string"]],
        "subtree": ["name": "unit", "in": "query", "description": "Only this organisation's subtree (its id); formerly `within`, still read", "schema": ["type": "integer"]],
        "campaign": ["name": "campaign", "in": "query", "description": "A campaign (its id); formerly `campaignId`, still read", "schema": ["type": "integer"]],
        "kind": ["name": "kind", "in": "query", "description": "Organisation kind code", "schema": ["type": "string"]],
        "includeClosed": ["name": "includeClosed", "in": "query", "description": "Include merged and dissolved units", "schema": ["type": "boolean", "default": false]],
        "status": ["name": "status", "in": "query", "description": "Comma-separated member statuses; members on the roll when absent",
                   "schema": ["type": "string", "pattern": .string(commaList(of: MemberStatus.allCases.map(\.rawValue)))]],
        "gender": ["name": "gender", "in": "query", "schema": .enumeration(Gender.self)],
        "relationId": ["name": "relationId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "attachmentId": ["name": "attachmentId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "unit": ["name": "unit", "in": "query", "description": "A unit inside the campaign (its id); by default the campaign's unit, or the caller's own when the campaign was launched above it",
                 "schema": ["type": "integer"]],
        "campaignStatus": ["name": "status", "in": "query", "schema": .enumeration(CampaignStatus.self)],
        "obligationStatus": ["name": "status", "in": "query", "schema": .enumeration(ObligationStatus.self)],
        "laggingSort": ["name": "sort", "in": "query", "description": "How children are ordered, furthest behind first",
                        "schema": ["type": "string", "enum": ["studied", "reflected", "accepted", "obligations-done", "late", "days-late"], "default": "studied"]],
        "coverageList": ["name": "list", "in": "query", "required": true,
                         "schema": ["type": "string", "enum": ["studied", "not-studied", "reflected", "not-reflected", "accepted"]]],
        "documentQuery": ["name": "q", "in": "query", "description": "A number and symbol (5-ct/tw finds 05-CT/TW), or words of the title; tones optional",
                          "schema": ["type": "string"]],
        "documentType": ["name": "type", "in": "query", "description": "Type abbreviation: CT, KL, NQ, QĐ, KH…", "schema": ["type": "string"]],
        "issuer": ["name": "issuer", "in": "query", "description": "Issuer abbreviation: TW, TU, ĐU…", "schema": ["type": "string"]],
        "year": ["name": "year", "in": "query", "description": "Issued in this year",
                 "schema": ["type": "integer", "minimum": .int(CalendarDate.supportedYears.lowerBound), "maximum": .int(CalendarDate.supportedYears.upperBound)]],
        "commitmentUnit": ["name": "unit", "in": "query", "description": "A unit the caller reads; by default their outermost scope, or a member's own cell",
                           "schema": ["type": "integer"]],
        "checkInId": ["name": "checkInId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "contributionId": ["name": "contributionId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "evidenceId": ["name": "evidenceId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "exemplarState": ["name": "state", "in": "query", "schema": .enumeration(ExemplarState.self)],
        "exemplarKind": ["name": "kind", "in": "query", "schema": .enumeration(ExemplarKind.self)],
        "commitmentYear": ["name": "year", "in": "query", "description": "The year; this year by default", "schema": ["type": "integer"]],
        "commitmentList": ["name": "list", "in": "query", "description": "The rows behind one figure",
                           "schema": ["type": "string", "enum": ["registered", "achieved", "not-achieved", "unassessed"], "default": "registered"]],
        "breakthroughUnit": ["name": "unit", "in": "query", "description": "The unit whose subtree is shown (its id); by default the caller's own", "schema": ["type": "integer"]],
        "period": ["name": "period", "in": "query", "description": "A rating period's id; by default this year's", "schema": ["type": "integer"]],
        "breakthroughStatus": ["name": "status", "in": "query", "schema": .enumeration(BreakthroughStatus.self)],
        "followUpScope": ["name": "scope", "in": "query", "description": "The unit's own tasks, or its whole subtree's (the default)",
                          "schema": .enumeration(FollowUpAPI.Scope.self)],
        "followUpStatus": ["name": "status", "in": "query", "schema": .enumeration(FollowUpStatus.self)],
        "feedbackStatus": ["name": "status", "in": "query", "description": "Open (overdue included), overdue, or answered; all when absent",
                           "schema": .enumeration(FeedbackListStatus.self)],
        "slug": ["name": "slug", "in": "path", "required": true, "description": "A committee's public site", "schema": ["type": "string"]],
        "followUpOrigin": ["name": "origin", "in": "query", "description": "One kind of origin (briefing, inspection…)", "schema": ["type": "string"]],
        "followUpIssuer": ["name": "issuer", "in": "query", "description": "Only the tasks issued by this unit (its id)", "schema": ["type": "integer"]],
        "unreadOnly": ["name": "unread", "in": "query", "description": "1 for the unread ones only", "schema": ["type": "string", "enum": ["0", "1", "true", "false"]]],
        "dashboardDay": ["name": "day", "in": "query", "description": "The day the figures stand on; today by default", "schema": ["type": "string", "format": "date"]],
        "reportingPeriod": ["name": "period", "in": "query", "description": "The period the trend covers and the comparison steps back: month (default), quarter, half-year or year",
                            "schema": ["type": "string", "enum": ["month", "quarter", "half-year", "year"]]],
        "reminderDay": ["name": "day", "in": "query", "description": "The day previewed; tomorrow by default", "schema": ["type": "string", "format": "date"]],
        "reportFormat": ["name": "format", "in": "path", "required": true, "schema": .enumeration(ReportFileFormat.self)],
        "commentStatus": ["name": "status", "in": "query", "description": "Only the comments in this state; pending first, then the latest decided, when absent",
                          "schema": .enumeration(CommentStatus.self)],
        "libraryKind": ["name": "kind", "in": "query", "schema": .enumeration(LibraryKind.self)],
        "libraryTopic": ["name": "topic", "in": "query", "description": "A topic, as typed or as its key (nghi-quyet-dai-hoi-xiii)", "schema": ["type": "string"]],
        "portalSite": ["name": "site", "in": "query", "description": "The public site (its id); by default the first the caller edits", "schema": ["type": "integer"]],
        "reportVersion": ["name": "version", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]],
        "job": ["name": "job", "in": "path", "required": true, "schema": ["type": "string"]],
        "jobState": ["name": "state", "in": "query", "schema": .enumeration(JobState.self)],
        "jobKind": ["name": "kind", "in": "query", "description": "One kind of job: import.members, reminders.generate…", "schema": ["type": "string"]],
        "page": ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(Paging.maximumPage), "default": 1]],
        "per": ["name": "per", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(Paging.maximumPerPage), "default": 50]],
    ]

    private static let responses: JSONValue = [
        "400": problemResponse("The body is not valid JSON, a field has the wrong type, or a query parameter has a value it does not take (`errors` names it and the values it takes)"),
        "401": problemResponse("No valid bearer token"),
        "403": problemResponse("The caller's roles do not allow this here"),
        "429": problemResponse("Too many failed sign-ins (locked for a while), too many imports running, or too many public submissions or lookups from one address; Retry-After says when to try again"),
        "503": problemResponse("Too many sign-ins being checked at once; Retry-After says when to try again"),
        "404": problemResponse("No such resource"),
        "409": problemResponse("Conflicts with stored data (duplicate code, card number or document number within a term)"),
        "413": problemResponse("The body is larger than the route accepts"),
        "415": problemResponse("The body is not of a media type the operation takes (JSON unless stated)"),
        "422": problemResponse("A field is not valid; `errors` names each one"),
    ]

    /// The two kinds of file a document may carry.
    private static let attachmentContent: JSONValue = .object(AttachmentType.documents.map { ($0.mediaType, ["schema": .binary] as JSONValue) })
    /// What a check-in's evidence file may be: a document, a scan or a photo.
    private static let evidenceContent: JSONValue = .object(AttachmentType.evidence.map { ($0.mediaType, ["schema": .binary] as JSONValue) })

    // MARK: Builders

    /// A reflection sent as JSON (the file in base64) or as multipart/form-data.
    private static func reflectionSubmission(_ id: String, _ summary: String, tag: String) -> JSONValue {
        ["operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
         "requestBody": ["required": true, "content": [
            "application/json": ["schema": ref("ReflectionSubmission")],
            "multipart/form-data": ["schema": .object(properties: ["campaignId": .integer, "memberId": .integer, "body": .string, "file": .binary],
                                                      required: ["campaignId"])],
         ]],
         "responses": ["201": ["description": "Submitted", "content": ["application/json": ["schema": ref("Reflection")]]],
                       "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                       "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                       "409": ["$ref": "#/components/responses/409"], "422": ["$ref": "#/components/responses/422"]]]
    }

    /// A library item sent as JSON (the file in base64) or as multipart/form-data.
    private static func librarySave(_ id: String, _ summary: String, id path: Bool = false) -> JSONValue {
        let body: JSONValue = ["required": true, "content": [
            "application/json": ["schema": ref("LibraryItemInput")],
            "multipart/form-data": ["schema": .object(properties: [
                "organizationId": .integer, "kind": .enumeration(LibraryKind.self), "title": .string, "summary": .string, "topics": .string,
                "visibility": .enumeration(LibraryVisibility.self), "linkUrl": .string, "campaignIds[]": .array(of: .integer),
                "requiredCampaignIds[]": .array(of: .integer), "file": .binary], required: ["kind", "title", "summary", "visibility"])],
        ]]
        let responses: JSONValue = [
            "201": ["description": "Saved", "content": ["application/json": ["schema": ref("LibraryItemDetail")]]],
            "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
            "404": ["$ref": "#/components/responses/404"], "413": ["$ref": "#/components/responses/413"], "422": ["$ref": "#/components/responses/422"],
        ]
        var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary)), ("tags", ["Library"])]
        if path { pairs.append(("parameters", [param("id")])) }
        return .object(pairs + [("requestBody", body), ("responses", responses)])
    }

    /// A pattern for a comma-separated list of `values`.
    private static func commaList(of values: [String]) -> String {
        let one = "(" + values.joined(separator: "|") + ")"
        return "^\(one)(,\(one))*$"
    }

    private static func ref(_ name: String) -> JSONValue {
        .ref(name)
    }

    /// Every integer is a 64-bit one (Swift's `Int`): a client, or a fuzzer, then knows the range the server
    /// reads, and a larger number is the client's error, not a value the document allowed.
    private static func withIntegerFormat(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let values): return .array(values.map(withIntegerFormat))
        case .object(let pairs):
            var pairs = pairs.map { ($0.0, withIntegerFormat($0.1)) }
            let isInteger: Bool
            switch value.member("type") {
            case .string("integer")?: isInteger = true
            case .array(let types)?: isInteger = types.contains { if case .string("integer") = $0 { return true } else { return false } }
            default: isInteger = false
            }
            if isInteger, value.member("format") == nil { pairs.append(("format", "int64")) }
            return .object(pairs)
        default: return value
        }
    }

    /// Adds to every operation the answers any operation of its shape can give, so that no hand-written
    /// operation forgets one: a body can be malformed, too large or of another type; a path names something
    /// that may not exist; a query value may be unreadable; a signed-in operation can meet no token or too
    /// few rights.
    private static func withCommonResponses(_ paths: JSONValue) -> JSONValue {
        guard case .object(let entries) = paths else { return paths }
        return .object(entries.map { path, operations in
            guard case .object(let methods) = operations else { return (path, operations) }
            return (path, .object(methods.map { method, operation in
                guard case .object(var fields) = operation, let index = fields.firstIndex(where: { $0.0 == "responses" }),
                      case .object(var responses) = fields[index].1 else { return (method, operation) }
                let parameters: [JSONValue]
                if case .array(let list)? = operation.member("parameters") { parameters = list } else { parameters = [] }
                var codes: [String] = []
                if operation.member("requestBody") != nil { codes += ["400", "413", "415", "422"] }
                if parameters.contains(where: isInPath) { codes += ["404"] }
                if !parameters.isEmpty { codes += ["400"] }
                if case .array(let security)? = operation.member("security"), security.isEmpty {} else { codes += ["401", "403"] }
                for code in codes where !responses.contains(where: { $0.0 == code }) {
                    responses.append((code, ["$ref": .string("#/components/responses/\(code)")]))
                }
                fields[index].1 = .object(responses.sorted { $0.0 < $1.0 })
                return (method, .object(fields))
            }))
        })
    }

    /// Whether a parameter, written out or a reference to `parameters`, is part of the path.
    private static func isInPath(_ parameter: JSONValue) -> Bool {
        switch (parameter.member("in"), parameter.member("$ref")) {
        case (.string(let place)?, _): return place == "path"
        case (_, .string(let reference)?):
            let name = String(reference.split(separator: "/").last ?? "")
            return parameters.member(name).map(isInPath) ?? false
        default: return false
        }
    }

    /// A route's former address: the same operation, marked deprecated and naming the address that replaced it.
    private static func formerAddress(of operation: JSONValue, now path: String) -> JSONValue {
        guard case .object(let fields) = operation else { return operation }
        return .object(fields.map { key, value in
            switch (key, value) {
            case ("operationId", .string(let id)): return (key, .string(id + "FormerAddress"))
            case ("summary", .string(let summary)): return (key, .string("\(summary) (former address: use \(path))"))
            default: return (key, value)
            }
        } + [("deprecated", true)])
    }

    /// A report's file: its media types and the answers a download gives.
    private static func reportFile(_ id: String, _ summary: String, parameters: [JSONValue]) -> JSONValue {
        ["operationId": .string(id), "summary": .string(summary), "tags": ["Reports"], "parameters": .array(parameters),
         "responses": ["200": ["description": "The file", "content": .object(ReportFileFormat.allCases.map { ($0.mediaType, ["schema": .binary] as JSONValue) })],
                       "401": ["$ref": "#/components/responses/401"], "403": ["$ref": "#/components/responses/403"],
                       "404": ["$ref": "#/components/responses/404"], "409": ["$ref": "#/components/responses/409"],
                       "422": ["$ref": "#/components/responses/422"], "503": problemResponse("LibreOffice is not installed, or the conversion failed")]]
    }

    private static func param(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/parameters/\(name)")]
    }

    private static func problemResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    /// - Parameter security: `[]` for the few operations that need no token; the document's default otherwise.
    private static func operation(_ id: String, _ summary: String, tag: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
                                  ok: JSONValue?, okStatus: String = "200", failures: [String] = [], security: [JSONValue]? = nil) -> JSONValue {
        let success: JSONValue = ok.map { ["description": "OK", "content": ["application/json": ["schema": $0]]] } ?? ["description": "Done"]
        var responses: [(String, JSONValue)] = [(okStatus, success)]
        // The answers every operation of its shape gives are added by `withCommonResponses`.
        let failureCodes = failures + (parameters.isEmpty ? [] : ["422"])
        for code in Array(Set(failureCodes)).sorted() {
            responses.append((code, ["$ref": .string("#/components/responses/\(code)")]))
        }
        var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary)), ("tags", [.string(tag)])]
        if let security { pairs.append(("security", .array(security))) }
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body {
            pairs.append(("requestBody", ["required": true, "content": ["application/json": ["schema": body]]]))
        }
        pairs.append(("responses", .object(responses)))
        return .object(pairs)
    }
}
