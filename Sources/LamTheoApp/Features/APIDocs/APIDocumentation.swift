import LamTheoCore
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. A test checks that its
/// paths and the application's API routes are the same set.
enum APIDocumentation {
    static func register(on api: any RoutesBuilder) {
        api.get("openapi.json") { _ -> Response in
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
            "description": "Organisations, members and the document register of a Party organisation tree. Errors are application/problem+json (RFC 9457); send Accept-Language: en or ?lang=en for English messages (Vietnamese by default). Dates are yyyy-MM-dd.",
        ],
        "servers": [["url": "/api/v1"]],
        "paths": withCommonResponses(paths),
        "components": [
            "schemas": schemas, "parameters": parameters, "responses": responses,
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token from POST /auth/tokens"]],
        ],
        "security": [["bearer": []]],
    ])

    // MARK: Paths

    private static let paths: JSONValue = [
        "/openapi.json": ["get": operation("getOpenAPI", "This document", tag: "Meta", ok: ["type": "object"], security: [])],
        "/auth/tokens": ["post": operation(
            "issueToken", "Exchange a username and password for a bearer token (shown once)", tag: "Accounts",
            body: ref("TokenRequest"), ok: ref("Token"), okStatus: "201", failures: ["401", "422", "429", "503"], security: [])],
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
                          "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/imports/{job}": ["get": operation(
            "getImport", "An import's progress, then its report with every row-level error", tag: "Spreadsheets",
            parameters: [["name": "job", "in": "path", "required": true, "schema": ["type": "string"]]], ok: ref("ImportJob"), failures: ["404"])],
        "/exports/{kind}": ["get": [
            "operationId": "export", "summary": "The organisations or members of the caller's scope as CSV or XLSX (the import template)",
            "tags": ["Spreadsheets"],
            "parameters": [
                ["name": "kind", "in": "path", "required": true, "schema": ["type": "string", "enum": ["orgs", "members"]]],
                ["name": "format", "in": "query", "schema": ["type": "string", "enum": ["csv", "xlsx"], "default": "xlsx"]],
                param("within"),
            ],
            "responses": ["200": ["description": "The file", "content": [
                "text/csv": ["schema": ["type": "string", "format": "binary"]],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]],
            ]], "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
               "404": ["$ref": "#/components/responses/404"], "422": ["$ref": "#/components/responses/422"]],
        ]],
        "/me": ["get": operation("getMe", "The caller and the roles they hold today", tag: "Accounts", ok: ref("Me"), failures: ["401"])],
        "/me/data": ["get": operation("getMyData", "Everything LamTheo holds about the calling member", tag: "Self-service",
                                      ok: ["type": "object"], failures: ["401", "403"])],
        "/me/corrections": ["post": operation(
            "requestCorrection", "Ask the cell's secretary to correct one's record", tag: "Self-service",
            body: object(["text": ["type": "string"]], required: ["text"]), ok: object(["id": ["type": "integer"], "text": ["type": "string"],
                                                                                        "status": ["type": "string"]]),
            okStatus: "201", failures: ["422"])],
        "/me/reflections": [
            "get": operation("listMyReflections", "The campaigns the calling member takes part in, each with their reflection or null", tag: "Self-service",
                             ok: ["type": "array", "items": ref("OwnReflection")], failures: ["401", "403"]),
            "post": reflectionSubmission("submitMyReflection", "Submit (or, once returned, resubmit) the calling member's own reflection",
                                         tag: "Self-service"),
        ],
        "/study-sessions": [
            "get": operation("listStudySessions", "Study sessions of the units in the caller's scope, newest first", tag: "Study",
                             parameters: [param("within"), ["name": "campaignId", "in": "query", "schema": ["type": "integer"]], param("page"), param("per")],
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
                             parameters: [["name": "campaignId", "in": "query", "required": true, "schema": ["type": "integer"]],
                                          ["name": "organizationId", "in": "query", "required": true, "schema": ["type": "integer"]]],
                             ok: ["type": "array", "items": ref("ReflectionEntry")], failures: ["404"]),
            "post": reflectionSubmission("submitReflection", "Submit a member's reflection on their behalf (memberId required)", tag: "Study"),
        ],
        "/reflections/{id}": ["get": operation(
            "getReflection", "One reflection", tag: "Study", parameters: [param("id")], ok: ref("Reflection"), failures: ["404"])],
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
            "revokeRole", "Take a role back", tag: "Accounts", parameters: [param("id")], ok: ref("Grant"), failures: ["404"])],
        "/organization-kinds": [
            "get": operation("listOrganizationKinds", "Kinds of organisation, higher levels first", tag: "Organizations",
                             ok: ["type": "array", "items": ref("OrganizationKind")]),
            "post": operation("createOrganizationKind", "Add a kind of organisation to the list", tag: "Organizations",
                              body: ref("OrganizationKindCreate"), ok: ref("OrganizationKind"), okStatus: "201", failures: ["409", "422"]),
        ],
        "/organizations": [
            "get": operation("listOrganizations", "Search organisations, in Vietnamese name order", tag: "Organizations",
                             parameters: [param("q"), param("within"), param("kind"), param("includeClosed"), param("page"), param("per")],
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
                             parameters: [param("q"), param("within"), param("status"), param("gender"), param("page"), param("per")],
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
            ok: ["type": "array", "items": object(["viewedAt": ["type": "string", "format": "date-time"], "userId": ["type": "integer"],
                                                   "username": ["type": "string"], "what": ["type": "string"], "count": ["type": "integer"],
                                                   "ip": ["type": ["string", "null"]]], required: ["viewedAt", "userId", "username", "what", "count"])],
            failures: ["404"])],
        "/document-abbreviations": [
            "get": operation("listDocumentAbbreviations", "The type and issuer abbreviations a document symbol may use", tag: "Documents",
                             ok: object(["types": ["type": "array", "items": ref("DocumentAbbreviation")],
                                         "issuers": ["type": "array", "items": ref("DocumentAbbreviation")]], required: ["types", "issuers"])),
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
        "/campaigns/{id}": ["get": operation(
            "getCampaign", "One campaign with its requirements", tag: "Campaigns", parameters: [param("id")], ok: ref("Campaign"), failures: ["404"])],
        "/campaigns/{id}/close": ["post": operation(
            "closeCampaign", "Close a campaign: its figures stay as they are", tag: "Campaigns", parameters: [param("id")], ok: ref("Campaign"),
            failures: ["404", "409"])],
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
            "pledge", "Record or replace a member's pledge of self-cultivation for a year", tag: "Commitments", body: ref("Pledge"), ok: ref("Pledge"),
            failures: ["404", "409", "422"])],
        "/commitments/reminders": ["post": operation(
            "remindToRegister", "The cell reminds a member who has not registered for a year; the member sees it on their page", tag: "Commitments",
            body: ref("ReminderCreate"), ok: ref("Reminder"), okStatus: "201", failures: ["404", "422"])],
        "/commitments/templates": ["post": operation(
            "addCommitmentTemplate", "A suggested commitment for a campaign, which pre-fills the registration form", tag: "Commitments",
            body: ref("CommitmentTemplate"), ok: ref("CommitmentTemplate"), okStatus: "201", failures: ["404", "422"])],
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
                "multipart/form-data": ["schema": object(["notedOn": date, "note": ["type": "string"], "progress": ["type": "integer"], "value": ["type": "string"],
                                                          "evidence": binary], required: ["note"])],
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
            tag: "Ratings", parameters: [param("id")], body: object(["organizationId": ["type": "integer"]], required: ["organizationId"]),
            ok: ref("RatingClosure"), okStatus: "201", failures: ["404", "409"])],
        "/rating-closures/{id}/reopen": ["post": operation(
            "reopenRatingPeriod", "Reopen a closed subtree, with the reason the audit trail keeps", tag: "Ratings", parameters: [param("id")],
            body: object(["reason": ["type": "string"]], required: ["reason"]), ok: ref("RatingClosure"), failures: ["404", "409"])],
        "/ratings": ["get": operation(
            "listRatings", "The members on the roll in a unit's subtree with their steps in a period, in Vietnamese name order", tag: "Ratings",
            parameters: [ratingPeriod, ratingUnit, param("page"), param("per")], ok: page(of: "RatingSheetRow"), failures: ["404"])],
        "/ratings/mine": ["get": operation(
            "listMyRatings", "The caller's own ratings in every period (members)", tag: "Ratings",
            ok: ["type": "array", "items": object(["period": ref("RatingPeriod"), "decidedLevel": nullableRatingLevel,
                                                   "steps": ["type": "array", "items": ref("RatingStep")]], required: ["period", "steps"])])],
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
                "multipart/form-data": ["schema": object(["checkedOn": date, "value": ["type": "number"], "done": ["type": "boolean"],
                                                          "note": ["type": "string"], "evidence": ["type": "string"], "evidenceFile": binary])],
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
    ]

    private static let ratingPeriod: JSONValue = ["name": "period", "in": "query", "required": true, "schema": ["type": "integer"]]
    private static let ratingUnit: JSONValue = ["name": "unit", "in": "query", "description": "A unit the caller reads (its id); by default the caller's own",
                                                "schema": ["type": "integer"]]
    private static let ratingLevel: JSONValue = ["type": "string", "enum": ["excellent", "good", "completed", "not_completed"]]
    private static let nullableRatingLevel: JSONValue = ["type": ["string", "null"], "description": "excellent, good, completed or not_completed; null before a decision"]

    // MARK: Components

    private static let parameters: JSONValue = [
        "id": ["name": "id", "in": "path", "required": true, "schema": ["type": "integer"]],
        "positionId": ["name": "positionId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "date": ["name": "date", "in": "path", "required": true, "schema": ["type": "string", "format": "date"]],
        "q": ["name": "q", "in": "query", "description": "Search text; case, tones, marks and đ/d are ignored", "schema": ["type": "string"]],
        "within": ["name": "within", "in": "query", "description": "Only this organisation's subtree (its id)", "schema": ["type": "integer"]],
        "kind": ["name": "kind", "in": "query", "description": "Organisation kind code", "schema": ["type": "string"]],
        "includeClosed": ["name": "includeClosed", "in": "query", "description": "Include merged and dissolved units", "schema": ["type": "boolean", "default": false]],
        "status": ["name": "status", "in": "query", "description": "Comma-separated member statuses; members on the roll when absent",
                   "schema": ["type": "string", "pattern": .string(commaList(of: MemberStatus.allCases.map(\.rawValue)))]],
        "gender": ["name": "gender", "in": "query", "schema": ["type": "string", "enum": ["male", "female"]]],
        "relationId": ["name": "relationId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "attachmentId": ["name": "attachmentId", "in": "path", "required": true, "schema": ["type": "integer"]],
        "unit": ["name": "unit", "in": "query", "description": "A unit inside the campaign (its id); by default the campaign's unit, or the caller's own when the campaign was launched above it",
                 "schema": ["type": "integer"]],
        "campaignStatus": ["name": "status", "in": "query", "schema": ["type": "string", "enum": ["active", "closed"]]],
        "obligationStatus": ["name": "status", "in": "query", "schema": obligationStatus],
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
        "commitmentYear": ["name": "year", "in": "query", "description": "The year; this year by default", "schema": ["type": "integer"]],
        "commitmentList": ["name": "list", "in": "query", "description": "The rows behind one figure",
                           "schema": ["type": "string", "enum": ["registered", "achieved", "not-achieved", "unassessed"], "default": "registered"]],
        "breakthroughUnit": ["name": "unit", "in": "query", "description": "The unit whose subtree is shown (its id); by default the caller's own", "schema": ["type": "integer"]],
        "period": ["name": "period", "in": "query", "description": "A rating period's id; by default this year's", "schema": ["type": "integer"]],
        "breakthroughStatus": ["name": "status", "in": "query", "schema": breakthroughStatus],
        "page": ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(Paging.maximumPage), "default": 1]],
        "per": ["name": "per", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(Paging.maximumPerPage), "default": 50]],
    ]

    private static let responses: JSONValue = [
        "400": problemResponse("The body is not valid JSON, a field has the wrong type, or a query parameter has a value it does not take (`errors` names it and the values it takes)"),
        "401": problemResponse("No valid bearer token"),
        "403": problemResponse("The caller's roles do not allow this here"),
        "429": problemResponse("Too many failed sign-ins (locked for a while), or too many imports running; Retry-After says when to try again"),
        "503": problemResponse("Too many sign-ins being checked at once; Retry-After says when to try again"),
        "404": problemResponse("No such resource"),
        "409": problemResponse("Conflicts with stored data (duplicate code, card number or document number within a term)"),
        "413": problemResponse("The body is larger than the route accepts"),
        "415": problemResponse("The body is not of a media type the operation takes (JSON unless stated)"),
        "422": problemResponse("A field is not valid; `errors` names each one"),
    ]

    private static let date: JSONValue = ["type": "string", "format": "date"]
    private static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date"]
    private static let nullableString: JSONValue = ["type": ["string", "null"]]
    private static let nullableInteger: JSONValue = ["type": ["integer", "null"]]
    private static let organizationStatus: JSONValue = ["type": "string", "enum": ["active", "merged", "dissolved"]]
    private static let memberStatus: JSONValue = ["type": "string", "enum": ["probationary", "full", "exempt", "transferredOut", "deceased", "struckOff", "expelled"]]
    private static let obligationStatus: JSONValue = ["type": "string", "enum": ["not_yet_due", "due_soon", "extended", "late", "submitted", "returned", "accepted", "handed_over", "withdrawn"]]
    private static let commitmentResult: JSONValue = ["type": ["string", "null"], "description": "achieved or not_achieved; null until assessed"]
    private static let breakthroughStatus: JSONValue = ["type": "string", "enum": ["late", "at_risk", "on_track", "done"]]
    private static let nullableNumber: JSONValue = ["type": ["number", "null"]]
    private static let gender: JSONValue = ["type": "string", "enum": ["male", "female"]]
    /// The two kinds of file a document may carry.
    private static let attachmentContent: JSONValue = .object(AttachmentType.documents.map { ($0.mediaType, ["schema": binary] as JSONValue) })
    /// What a check-in's evidence file may be: a document, a scan or a photo.
    private static let evidenceContent: JSONValue = .object(AttachmentType.evidence.map { ($0.mediaType, ["schema": binary] as JSONValue) })
    private static let binary: JSONValue = ["type": "string", "format": "binary"]
    /// A file in a JSON body.
    private static let base64File: JSONValue = object(["filename": ["type": "string"], "data": ["type": "string", "contentEncoding": "base64"]],
                                                      required: ["filename", "data"])
    private static let documentRelationKind: JSONValue = ["type": "string", "enum": ["continues", "replaces", "implements"]]

    private static let schemas: JSONValue = [
        "Problem": object([
            "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
            "detail": ["type": "string"], "instance": ["type": "string"],
            "errors": ["type": "array", "items": object(["field": ["type": "string"], "detail": ["type": "string"]], required: ["field", "detail"])],
        ], required: ["type", "title", "status", "instance"]),
        "OrganizationKind": object(["code": ["type": "string"], "name": ["type": "string"], "holdsMembers": ["type": "boolean"]],
                                   required: ["code", "name", "holdsMembers"]),
        "OrganizationKindCreate": object([
            "code": ["type": "string"], "nameVi": ["type": "string"], "nameEn": ["type": "string"],
            "holdsMembers": ["type": "boolean", "description": "true for cells, which hold members; false for committees"],
            "position": ["type": "integer"],
        ], required: ["code", "nameVi", "nameEn", "holdsMembers"]),
        "Organization": object([
            "id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"], "kindCode": ["type": "string"],
            "parentId": nullableInteger, "depth": ["type": "integer"], "status": organizationStatus,
            "validFrom": date, "validTo": nullableDate, "mergedIntoId": nullableInteger,
            "memberCount": ["type": "integer", "description": "Members on the roll of this unit itself"],
            "subtreeMemberCount": ["type": "integer", "description": "Members on the roll of this unit and all units under it"],
            "childCount": ["type": "integer"],
        ], required: ["id", "code", "name", "kindCode", "depth", "status", "validFrom", "memberCount", "subtreeMemberCount", "childCount"]),
        "OrganizationPage": page(of: "Organization"),
        "OrganizationVersion": object([
            "organizationId": ["type": "integer"], "validFrom": date, "validTo": nullableDate, "name": ["type": "string"],
            "code": ["type": "string"], "kindCode": ["type": "string"], "parentId": nullableInteger, "status": organizationStatus,
            "change": ["type": "string", "enum": ["created", "updated", "moved", "merged", "dissolved"]], "note": nullableString,
        ], required: ["organizationId", "validFrom", "name", "code", "kindCode", "status", "change"]),
        "OrganizationAsOf": object([
            "date": date, "organization": ref("OrganizationVersion"),
            "lineage": ["type": "array", "items": ref("OrganizationVersion")],
            "children": ["type": "array", "items": ref("OrganizationVersion")],
        ], required: ["date", "organization", "lineage", "children"]),
        "OrganizationCreate": object([
            "name": ["type": "string"], "code": ["type": "string"], "kindCode": ["type": "string"],
            "parentId": ["type": "integer"], "validFrom": date,
        ], required: ["name", "code", "kindCode"]),
        "OrganizationUpdate": object(["name": ["type": "string"], "code": ["type": "string"], "kindCode": ["type": "string"], "effectiveOn": date]),
        "OrganizationMove": object(["parentId": ["type": "integer"], "effectiveOn": date], required: ["parentId"]),
        "OrganizationMerge": object(["targetId": ["type": "integer"], "effectiveOn": date], required: ["targetId"]),
        "OrganizationDissolve": object(["effectiveOn": date, "note": ["type": "string"]]),
        "Member": object([
            "id": ["type": "integer"], "fullName": ["type": "string"], "familyName": ["type": "string"],
            "middleName": ["type": "string"], "givenName": ["type": "string"], "gender": gender, "birthDate": nullableDate,
            "cardNumber": ["type": "string"], "admittedOn": nullableDate, "fullMemberOn": nullableDate, "status": memberStatus,
            "organizationId": ["type": "integer"], "organizationName": nullableString,
            "idNumber": nullableString, "phone": nullableString, "address": nullableString,
        ], required: ["id", "fullName", "familyName", "middleName", "givenName", "gender", "cardNumber", "status", "organizationId"]),
        "MemberPage": page(of: "Member"),
        "MemberDetail": object([
            "member": ref("Member"),
            "transfers": ["type": "array", "items": object([
                "fromOrganizationId": nullableInteger, "toOrganizationId": ["type": "integer"], "transferredOn": date, "reason": nullableString,
            ], required: ["toOrganizationId", "transferredOn"])],
            "positions": ["type": "array", "items": ref("Position")],
        ], required: ["member", "transfers", "positions"]),
        "MemberCreate": object(memberFields, required: ["gender", "cardNumber", "organizationId"]),
        "MemberUpdate": object(memberFields),
        "MemberTransferRequest": object(["organizationId": ["type": "integer"], "transferredOn": nullableDate, "reason": nullableString],
                                        required: ["organizationId"]),
        "Position": object(["id": ["type": "integer"], "title": ["type": "string"], "startedOn": date, "endedOn": nullableDate,
                            "organizationId": ["type": ["integer", "null"], "description": "Where it is held; null for positions recorded before positions had units"]],
                           required: ["id", "title", "startedOn"]),
        "PositionCreate": object(["title": ["type": "string"], "startedOn": date,
                                  "organizationId": ["type": "integer", "description": "Where it is held: the member's cell (the default) or a committee above it"]],
                                 required: ["title"]),
        "PositionEnd": object(["endedOn": date]),
        "ImportJob": object([
            "id": ["type": "string"], "state": ["type": "string", "enum": ["running", "finished", "failed"]],
            "done": ["type": "integer"], "total": ["type": "integer"], "error": nullableString,
            "report": ["oneOf": [["type": "null"], object([
                "kind": ["type": "string"], "fileName": ["type": "string"], "fileEncoding": nullableString, "legacyEncoding": nullableString,
                "convertedCells": ["type": "integer"], "rows": ["type": "integer"], "created": ["type": "integer"], "changed": ["type": "integer"],
                "unchanged": ["type": "integer"], "applied": ["type": "boolean"], "summary": ["type": "string"],
                "errors": ["type": "array", "items": object(["line": ["type": "integer"], "column": nullableString, "message": ["type": "string"]])],
            ])]],
        ], required: ["id", "state", "done", "total"]),
        "DocumentAbbreviation": object(["code": ["type": "string"], "nameVi": ["type": "string"], "nameEn": ["type": "string"]],
                                       required: ["code", "nameVi", "nameEn"]),
        "DocumentAbbreviationCreate": object([
            "list": ["type": "string", "enum": ["type", "issuer"]], "code": ["type": "string", "description": "Letters only: CT, ĐA, BTGTU"],
            "nameVi": ["type": "string"], "nameEn": ["type": "string"],
        ], required: ["list", "code", "nameVi", "nameEn"]),
        "CommitteeTermCreate": object(["name": ["type": "string"], "startsOn": date, "endsOn": date], required: ["name", "startsOn"]),
        "CommitteeTerm": object(["id": ["type": "integer"], "name": ["type": "string"], "startsOn": date, "endsOn": nullableDate],
                                required: ["id", "name", "startsOn"]),
        "DocumentNumber": object(["symbol": ["type": "string", "description": "Canonical: 05-CT/TW"], "number": ["type": "integer"],
                                  "typeCode": ["type": "string"], "issuerCode": ["type": "string"]],
                                 required: ["symbol", "number", "typeCode", "issuerCode"]),
        "Document": object([
            "id": ["type": "integer"], "symbol": ["type": "string", "description": "Canonical: 05-CT/TW"], "number": ["type": "integer"],
            "typeCode": ["type": "string"], "issuerCode": ["type": "string"], "title": ["type": "string"], "issuedOn": date,
            "termId": ["type": "integer"], "organizationId": nullableInteger, "organizationName": nullableString,
        ], required: ["id", "symbol", "number", "typeCode", "issuerCode", "title", "issuedOn", "termId"]),
        "DocumentPage": page(of: "Document"),
        "DocumentDetail": object([
            "document": ref("Document"),
            "relations": ["type": "array", "items": object([
                "id": ["type": "integer"], "kind": documentRelationKind,
                "direction": ["type": "string", "enum": ["outgoing", "incoming"], "description": "outgoing: this document continues, replaces or implements the other"],
                "documentId": ["type": "integer"], "symbol": ["type": "string"], "title": ["type": "string"],
            ], required: ["id", "kind", "direction", "documentId", "symbol", "title"])],
            "attachments": ["type": "array", "items": ref("DocumentAttachment")],
        ], required: ["document", "relations", "attachments"]),
        "DocumentCreate": object(documentFields, required: ["symbol", "title", "issuedOn"]),
        "DocumentUpdate": object(documentFields),
        "DocumentRelationCreate": object(["toDocumentId": ["type": "integer"], "kind": documentRelationKind], required: ["toDocumentId", "kind"]),
        "DocumentAttachment": object([
            "id": ["type": "integer"], "fileName": ["type": "string"], "mediaType": ["type": "string"], "size": ["type": "integer"],
            "sha256": ["type": "string"],
        ], required: ["id", "fileName", "mediaType", "size", "sha256"]),
        "TokenRequest": object(["username": ["type": "string"], "password": ["type": "string"], "name": ["type": "string"],
                                "expiresInDays": ["type": "integer", "minimum": 1, "maximum": 365, "default": 30]],
                               required: ["username", "password"]),
        "Token": object(["id": ["type": "integer"], "token": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"]],
                        required: ["id", "token", "expiresAt"]),
        "GrantCreate": object([
            "role": ["type": "string", "enum": ["administrator", "officer", "secretary", "member"]],
            "organizationId": ["type": "integer"], "organizationCode": ["type": "string"],
            "level": ["type": "string", "enum": ["viewer", "editor", "manager"]], "memberId": ["type": "integer"],
            "startsOn": date, "endsOn": date,
        ], required: ["role"]),
        "Grant": object([
            "id": ["type": "integer"], "role": ["type": "string"], "organizationId": nullableInteger, "level": nullableString,
            "memberId": nullableInteger, "startsOn": date, "endsOn": nullableDate,
        ], required: ["id", "role", "startsOn"]),
        "UserCreate": object(["username": ["type": "string"], "displayName": ["type": "string"], "password": ["type": "string"],
                              "grant": ref("GrantCreate")], required: ["username", "password", "grant"]),
        "User": object(["id": ["type": "integer"], "username": ["type": "string"], "displayName": ["type": "string"],
                        "grants": ["type": "array", "items": ref("Grant")]], required: ["id", "username", "displayName", "grants"]),
        "StudySession": object([
            "id": ["type": "integer"], "organizationId": ["type": "integer"], "campaignId": nullableInteger, "title": ["type": "string"],
            "heldOn": date, "format": studyFormat, "presenter": nullableString, "nonMemberAttendees": ["type": "integer"],
            "present": ["type": "integer"], "absent": ["type": "integer"], "excused": ["type": "integer"],
        ], required: ["id", "organizationId", "title", "heldOn", "format", "nonMemberAttendees", "present", "absent", "excused"]),
        "StudySessionPage": page(of: "StudySession"),
        "StudySessionDetail": object([
            "session": ref("StudySession"),
            "documents": ["type": "array", "items": object(["id": ["type": "integer"], "symbol": ["type": "string"], "title": ["type": "string"]],
                                                          required: ["id", "symbol", "title"])],
            "bridgePoints": ["type": "array", "items": ref("BridgePoint")],
            "bridgePointAttendees": ["type": "integer", "description": "Everyone at the bridge points"],
            "attendance": ["type": "array", "items": object([
                "memberId": ["type": "integer"], "fullName": ["type": "string"], "organizationId": ["type": "integer"],
                "status": attendanceStatus, "reason": nullableString,
            ], required: ["memberId", "fullName", "organizationId", "status"])],
        ], required: ["session", "documents", "bridgePoints", "bridgePointAttendees", "attendance"]),
        "BridgePoint": object(["name": ["type": "string"], "attendeeCount": ["type": "integer", "minimum": 0]], required: ["name", "attendeeCount"]),
        "StudySessionCreate": object(sessionFields, required: ["organizationId", "title", "heldOn", "format"]),
        "StudySessionUpdate": object(sessionFields.filter { $0.0 != "organizationId" }),
        "AttendanceSheet": object([
            "entries": ["type": "array", "items": object([
                "memberId": ["type": "integer"], "status": attendanceStatus,
                "reason": ["type": "string", "description": "Optional when absent, required when excused"],
            ], required: ["memberId", "status"])],
            "othersPresent": ["type": "boolean", "default": false, "description": "Mark present the members of the roll not listed and not yet marked"],
        ]),
        "Reflection": object([
            "id": ["type": "integer"], "campaignId": ["type": "integer"], "memberId": ["type": "integer"], "body": nullableString,
            "fileName": nullableString, "fileType": nullableString, "state": ["type": "string", "enum": ["submitted", "accepted", "returned"]],
            "submissionCount": ["type": "integer", "description": "1 for the first submission, 2 for the first resubmission…"],
            "submittedOn": date, "grade": nullableString, "reviewComment": nullableString, "reviewedOn": nullableDate,
        ], required: ["id", "campaignId", "memberId", "state", "submissionCount", "submittedOn"]),
        "ReflectionEntry": object(["memberId": ["type": "integer"], "fullName": ["type": "string"],
                                   "reflection": ["oneOf": [["type": "null"], ref("Reflection")]]], required: ["memberId", "fullName"]),
        "OwnReflection": object([
            "campaignId": ["type": "integer"], "campaignTitle": ["type": "string"], "reflectionDueOn": nullableDate,
            "grades": ["type": "array", "items": ["type": "string"]], "reflection": ["oneOf": [["type": "null"], ref("Reflection")]],
        ], required: ["campaignId", "campaignTitle", "grades"]),
        "ReflectionSubmission": object([
            "campaignId": ["type": "integer"], "memberId": ["type": "integer", "description": "On behalf of a member only"],
            "body": ["type": "string", "maxLength": 20000],
            "file": object(["filename": ["type": "string"], "data": ["type": "string", "contentEncoding": "base64"]], required: ["filename", "data"]),
        ], required: ["campaignId"]),
        "ReflectionReview": object([
            "decision": ["type": "string", "enum": ["accept", "return"]], "grade": ["type": "string", "description": "One of the campaign's grades; to accept"],
            "comment": ["type": "string", "description": "Required to return"],
        ], required: ["decision"]),
        "Me": object(["userId": ["type": "integer"], "username": ["type": "string"], "displayName": ["type": "string"],
                      "grants": ["type": "array", "items": ["type": "object"]]], required: ["userId", "username", "displayName", "grants"]),
        "RequirementCreate": object([
            "kind": ["type": "string", "enum": ["plan", "study_sessions", "report"]], "title": ["type": "string"],
            "unitKinds": ["type": "array", "items": ["type": "string"], "description": "Organisation kind codes that receive the obligation"],
            "dueOn": date, "minimumSessions": ["type": "integer", "minimum": 1, "description": "For study_sessions (default 1)"],
        ], required: ["kind", "unitKinds", "dueOn"]),
        "Requirement": object([
            "id": ["type": "integer"], "kind": ["type": "string", "enum": ["plan", "study_sessions", "report"]], "title": ["type": "string"],
            "unitKinds": ["type": "array", "items": ["type": "string"]], "dueOn": date, "minimumSessions": nullableInteger,
        ], required: ["id", "kind", "title", "unitKinds", "dueOn"]),
        "CampaignCreate": object([
            "documentId": ["type": "integer"], "organizationId": ["type": "integer"], "title": ["type": "string"], "startsOn": date, "endsOn": date,
            "topicYear": ["type": "integer", "description": "The year this campaign is the committee's topic for"], "reflectionDueOn": date,
            "gradingScale": ["type": "string", "description": "Reflection grades, best first, separated by | or new lines"],
            "requirements": ["type": "array", "items": ref("RequirementCreate")],
        ], required: ["documentId", "organizationId", "startsOn", "endsOn"]),
        "Campaign": object([
            "id": ["type": "integer"], "documentId": ["type": "integer"], "organizationId": ["type": "integer"], "title": ["type": "string"],
            "startsOn": date, "endsOn": date, "topicYear": nullableInteger, "reflectionDueOn": nullableDate,
            "gradingScale": ["type": "array", "items": ["type": "string"]], "status": ["type": "string", "enum": ["active", "closed"]],
            "requirements": ["type": "array", "items": ref("Requirement")],
        ], required: ["id", "documentId", "organizationId", "title", "startsOn", "endsOn", "gradingScale", "status"]),
        "CampaignPage": page(of: "Campaign"),
        "ObligationSubmission": object([
            "number": ["type": "integer"], "submittedOn": date, "documentId": nullableInteger, "note": nullableString,
            "outcome": ["type": ["string", "null"], "description": "accepted or returned; null while awaiting review"], "reviewComment": nullableString, "reviewedOn": nullableDate,
        ], required: ["number", "submittedOn"]),
        "Obligation": object([
            "id": ["type": "integer"], "campaignId": ["type": "integer"], "requirementId": ["type": "integer"], "requirementTitle": ["type": "string"],
            "organizationId": ["type": "integer"], "organizationName": ["type": "string"], "dueOn": date, "extendedUntil": nullableDate,
            "extensionReason": nullableString,
            "state": ["type": "string", "enum": ["open", "submitted", "accepted", "returned", "handed_over", "withdrawn"]],
            "status": obligationStatus, "daysLate": ["type": "integer"], "submissionCount": ["type": "integer"],
            "evidenceDocumentId": nullableInteger, "handedOverToId": nullableInteger,
            "submissions": ["type": "array", "items": ref("ObligationSubmission")],
        ], required: ["id", "campaignId", "requirementId", "requirementTitle", "organizationId", "organizationName", "dueOn", "state", "status",
                      "daysLate", "submissionCount"]),
        "ObligationPage": page(of: "Obligation"),
        "ObligationSubmissionCreate": object(["documentId": ["type": "integer", "description": "For a plan: the unit's own plan in the register"],
                                              "submittedOn": date, "note": ["type": "string"]]),
        "ObligationReview": object(["outcome": ["type": "string", "enum": ["accepted", "returned"]],
                                    "comment": ["type": "string", "description": "Required when returning"], "reviewedOn": date],
                                   required: ["outcome"]),
        "ObligationExtension": object(["until": date, "reason": ["type": "string"]], required: ["until", "reason"]),
        "CoverageFigure": object([
            "count": ["type": ["integer", "null"], "description": "Absent (null) when no unit counted here has reported: \"chưa báo cáo\", not 0"],
            "total": ["type": "integer"], "percent": ["type": ["number", "null"]], "text": ["type": "string"],
        ], required: ["total", "text"]),
        "Coverage": object([
            "members": ["type": "integer"], "studied": ref("CoverageFigure"), "reflectionsSubmitted": ref("CoverageFigure"),
            "reflectionsAccepted": ref("CoverageFigure"), "sessionsHeld": ["type": "integer"],
            "reportingUnits": ["type": "integer", "description": "Cells that have reported anything for the campaign"],
            "unitsWithMembers": ["type": "integer"],
            "obligations": ["type": "object", "additionalProperties": ["type": "integer"], "description": "Obligations in force by status"],
            "obligationsDone": ref("CoverageFigure"), "maxDaysLate": ["type": "integer"],
        ], required: ["members", "studied", "reflectionsSubmitted", "reflectionsAccepted", "sessionsHeld", "reportingUnits", "unitsWithMembers",
                      "obligations", "obligationsDone", "maxDaysLate"]),
        "CoverageReport": object([
            "campaignId": ["type": "integer"], "organizationId": ["type": "integer"], "organizationName": ["type": "string"],
            "own": ref("Coverage"), "subtree": ref("Coverage"),
            "children": ["type": "array", "items": object(["organizationId": ["type": "integer"], "name": ["type": "string"], "coverage": ref("Coverage")],
                                                          required: ["organizationId", "name", "coverage"])],
        ], required: ["campaignId", "organizationId", "organizationName", "own", "subtree", "children"]),
        "CoverageMemberPage": page(of: "CoverageMember"),
        "CoverageMember": object(["id": ["type": "integer"], "fullName": ["type": "string"], "cardNumber": ["type": "string"],
                                  "organizationId": ["type": "integer"]], required: ["id", "fullName", "cardNumber", "organizationId"]),
        "CommitmentCreate": object([
            "memberId": ["type": "integer"], "year": ["type": "integer"],
            "campaignId": ["type": ["integer", "null"], "description": "A topic of the year (campaign with topicYear) launched at or above the member's cell"],
            "title": ["type": "string"], "measure": ["type": "string", "description": "The measurable result"], "dueOn": date,
        ], required: ["memberId", "year", "title", "measure", "dueOn"]),
        "Commitment": object([
            "id": ["type": "integer"], "memberId": ["type": "integer"], "memberName": ["type": "string"],
            "leaderTitle": ["type": ["string", "null"], "description": "The member's open leader position: an exemplary-responsibility commitment"],
            "year": ["type": "integer"], "campaignId": nullableInteger, "title": ["type": "string"], "measure": ["type": "string"], "dueOn": date,
            "selfResult": commitmentResult, "selfNote": nullableString, "cellResult": commitmentResult, "cellNote": nullableString,
            "checkIns": ["type": "array", "items": object(["id": ["type": "integer"], "notedOn": date, "note": ["type": "string"],
                                                           "progress": nullableInteger, "value": nullableString, "evidenceName": nullableString],
                                                          required: ["id", "notedOn", "note"])],
        ], required: ["id", "memberId", "memberName", "year", "title", "measure", "dueOn"]),
        "CommitmentPage": page(of: "Commitment"),
        "CommitmentCheckInCreate": object(["notedOn": date, "note": ["type": "string"], "progress": ["type": "integer", "minimum": 0, "maximum": 100],
                                 "value": ["type": "string"],
                                 "evidence": base64File], required: ["note"]),
        "Assessment": object(["result": ["type": "string", "enum": ["achieved", "not_achieved"]],
                              "note": ["type": ["string", "null"], "description": "The explanation; required for a self-assessment"]], required: ["result"]),
        "Pledge": object(["memberId": ["type": "integer"], "year": ["type": "integer"], "text": ["type": "string"]], required: ["memberId", "year", "text"]),
        "ReminderCreate": object(["memberId": ["type": "integer"], "year": ["type": "integer"]], required: ["memberId", "year"]),
        "Reminder": object(["id": ["type": "integer"], "memberId": ["type": "integer"], "year": ["type": "integer"], "sentBy": ["type": "string"],
                            "sentAt": ["type": "string", "format": "date-time"]], required: ["id", "memberId", "year", "sentBy"]),
        "CommitmentTemplate": object(["id": ["type": "integer"], "campaignId": ["type": "integer"], "title": ["type": "string"], "measure": ["type": "string"]],
                                     required: ["campaignId", "title", "measure"]),
        "CommitmentFigures": object([
            "members": ["type": "integer"], "registered": ref("CoverageFigure"), "commitments": ["type": "integer"],
            "achieved": ref("CoverageFigure"), "notAchieved": ["type": "integer"], "assessed": ref("CoverageFigure"),
            "reportingUnits": ["type": "integer"], "unitsWithMembers": ["type": "integer"],
        ], required: ["members", "registered", "commitments", "achieved", "notAchieved", "assessed", "reportingUnits", "unitsWithMembers"]),
        "CommitmentReport": object([
            "year": ["type": "integer"], "organizationId": ["type": "integer"], "organizationName": ["type": "string"],
            "own": ref("CommitmentFigures"), "subtree": ref("CommitmentFigures"),
            "children": ["type": "array", "items": object(["organizationId": ["type": "integer"], "name": ["type": "string"], "figures": ref("CommitmentFigures")],
                                                          required: ["organizationId", "name", "figures"])],
        ], required: ["year", "organizationId", "organizationName", "own", "subtree", "children"]),
        // Ratings
        "RatingPeriodCreate": object(["kind": ["type": "string", "enum": ["year", "quarter", "term", "ad_hoc"]], "title": ["type": "string"],
                                      "startsOn": date, "endsOn": date], required: ["kind", "title", "startsOn", "endsOn"]),
        "RatingPeriod": object(["id": ["type": "integer"], "kind": ["type": "string", "enum": ["year", "quarter", "term", "ad_hoc"]], "title": ["type": "string"],
                                "startsOn": date, "endsOn": date], required: ["id", "kind", "title", "startsOn", "endsOn"]),
        "RatingStepCreate": object([
            "periodId": ["type": "integer"], "memberId": ["type": "integer", "description": "The member rated; or organizationId for a unit"],
            "organizationId": ["type": "integer"], "step": ["type": "string", "enum": ["self_assessment", "proposal", "decision"]],
            "score": ["type": "integer", "minimum": 0, "maximum": 100, "description": "The level follows: ≥ 90 excellent, 70–89 good, 50–69 completed, below not completed"],
            "explanation": ["type": "string"], "disciplined": ["type": "boolean", "description": "Decision only: disciplined in the period (caps the level at completed)"],
            "tasks": ["allOf": [ref("RatingTasks")], "description": "Decision only: the tasks assigned in the period and how they were done (Quy định 366-QĐ/TW, Điều 11). A decision whose level the tasks do not allow is refused (409) with the rule's text and the numbers"],
        ], required: ["periodId", "step", "score"]),
        "RatingTasks": object([
            "assigned": ["type": "integer", "minimum": 0], "onTime": ["type": "integer", "minimum": 0], "late": ["type": "integer", "minimum": 0],
            "exceeding": ["type": "integer", "minimum": 0, "description": "Done beyond what was required, among those done"],
        ], required: ["assigned", "onTime", "late", "exceeding"]),
        "RatingStep": object([
            "id": ["type": "integer"], "kind": ["type": "string", "enum": ["self_assessment", "proposal", "decision"]], "score": ["type": "integer"],
            "level": ratingLevel, "explanation": nullableString, "disciplined": ["type": "boolean"], "username": ["type": "string"],
            "tasks": ["oneOf": [ref("RatingTasks"), ["type": "null"]]], "recordedAt": ["type": "string", "format": "date-time"],
        ], required: ["id", "kind", "score", "level", "disciplined", "username"]),
        "RatingSheetRow": object([
            "memberId": ["type": "integer"], "fullName": ["type": "string"], "organizationId": ["type": "integer"],
            "notRated": ["type": ["string", "null"], "description": "Why the member is not rated (không đánh giá): recently_admitted or exempt"],
            "decidedLevel": nullableRatingLevel, "steps": ["type": "array", "items": ref("RatingStep")],
        ], required: ["memberId", "fullName", "organizationId", "steps"]),
        "RatingTally": object([
            "tally": object(["excellent": ["type": "integer"], "good": ["type": "integer"], "completed": ["type": "integer"], "notCompleted": ["type": "integer"],
                             "notRated": ["type": "integer"], "pending": ["type": "integer"]],
                            required: ["excellent", "good", "completed", "notCompleted", "notRated", "pending"]),
            "text": ["type": "string", "description": "\"chưa báo cáo\" while nothing is decided; otherwise the excellent share"],
        ], required: ["tally", "text"]),
        "RatingClosure": object([
            "id": ["type": "integer"], "periodId": ["type": "integer"], "organizationId": ["type": "integer"], "closedOn": date,
            "reopenedOn": nullableDate, "reopenReason": nullableString,
            "snapshot": ["type": ["object", "null"], "description": "The subtree's figures when it was closed"],
        ], required: ["id", "periodId", "organizationId", "closedOn"]),
        "RatingFigures": object([
            "periodId": ["type": "integer"], "organizationId": ["type": "integer"], "organizationName": ["type": "string"], "subtree": ref("RatingTally"),
            "children": ["type": "array", "items": object(["organizationId": ["type": "integer"], "name": ["type": "string"], "figures": ref("RatingTally")],
                                                          required: ["organizationId", "name", "figures"])],
            "closures": ["type": "array", "items": ref("RatingClosure")],
            "quota": ["type": ["object", "null"], "description": "excellent, good and share at a unit that decides members' ratings"],
        ], required: ["periodId", "organizationId", "organizationName", "subtree", "children", "closures"]),
        "EvidenceSection": object([
            "source": ["type": "string", "description": "The tables the numbers come from"], "title": ref("LocalizedText"),
            "summary": ref("LocalizedText"), "items": ["type": "array", "items": ref("LocalizedText")],
        ], required: ["source", "title", "summary", "items"]),
        "LocalizedText": object(["vi": ["type": "string"], "en": ["type": "string"]], required: ["vi", "en"]),
        "RatingRule": object([
            "id": ["type": "integer"], "kind": ["type": "string", "enum": ["excellent_quota", "minimum_months", "discipline_cap", "tasks_on_time", "excellent_exceeding"]],
            "parameter": ["type": ["number", "null"], "description": "The share (0.2, 0.3) or the months (6)"], "textVi": ["type": "string"],
            "textEn": ["type": "string"], "active": ["type": "boolean"],
        ], required: ["id", "kind", "textVi", "textEn", "active"]),
        "RatingRuleUpdate": object(["parameter": ["type": ["number", "null"]], "textVi": ["type": "string"], "textEn": ["type": "string"],
                                    "active": ["type": ["boolean", "null"], "description": "Unchanged when null"]], required: ["textVi", "textEn"]),
        "BreakthroughCreate": object([
            "organizationId": ["type": "integer"], "periodId": ["type": "integer", "description": "By default the year of startsOn"],
            "campaignId": ["type": "integer"], "content": ["type": "string", "description": "What, where, for whom: not a slogan"],
            "targetKind": ["type": "string", "enum": ["numeric", "deliverable"]],
            "baselineValue": ["type": "number", "description": "numeric: the starting level (default 0)"],
            "targetValue": ["type": "number", "description": "numeric: the level to reach; below the baseline for a reduction"],
            "measureUnit": ["type": "string", "description": "numeric: %, hộ, km, tỷ đồng…"],
            "deliverable": ["type": "string", "description": "deliverable: what is done or not"],
            "ownerMemberId": ["type": "integer"], "ownerRole": ["type": "string", "description": "Needed when no member is named"],
            "startsOn": date, "endsOn": date,
        ], required: ["organizationId", "content", "targetKind", "startsOn", "endsOn"]),
        "CheckInCreate": object([
            "checkedOn": date, "value": ["type": "number", "description": "numeric targets"], "done": ["type": "boolean", "description": "deliverables"],
            "note": ["type": "string"], "evidence": ["type": "string", "description": "What shows the progress, in words"],
            "evidenceFile": base64File,
        ]),
        "CheckIn": object(["id": ["type": "integer"], "checkedOn": date, "value": nullableNumber, "done": ["type": "boolean"], "note": nullableString,
                           "evidence": nullableString, "evidenceFileName": ["type": ["string", "null"], "description": "Download it from …/check-ins/{id}/evidence"]],
                          required: ["id", "checkedOn", "done"]),
        "Breakthrough": object([
            "id": ["type": "integer"], "organizationId": ["type": "integer"], "organizationName": ["type": "string"], "periodId": ["type": "integer"],
            "campaignId": nullableInteger, "content": ["type": "string"], "targetKind": ["type": "string", "enum": ["numeric", "deliverable"]],
            "baselineValue": nullableNumber, "targetValue": nullableNumber, "measureUnit": nullableString, "deliverable": nullableString,
            "ownerMemberId": nullableInteger, "ownerRole": nullableString, "startsOn": date, "endsOn": date, "latestValue": nullableNumber,
            "progressPercent": ["type": ["number", "null"], "description": "0…100 from the baseline to the target; null before any check-in (\"chưa báo cáo\")"],
            "lastCheckInOn": nullableDate, "status": breakthroughStatus,
            "checkIns": ["type": "array", "items": ref("CheckIn")],
        ], required: ["id", "organizationId", "organizationName", "periodId", "content", "targetKind", "startsOn", "endsOn", "status"]),
        "BreakthroughPage": page(of: "Breakthrough"),
        "BreakthroughTally": object([
            "counts": ["type": "object", "additionalProperties": ["type": "integer"], "description": "Breakthroughs by status"],
            "units": ["type": "integer", "description": "Active units in the subtree"],
            "reportingUnits": ["type": "integer", "description": "Units that have set at least one breakthrough"],
            "done": ref("CoverageFigure"),
        ], required: ["counts", "units", "reportingUnits", "done"]),
        "BreakthroughRollup": object([
            "organizationId": ["type": "integer"], "organizationName": ["type": "string"], "periodId": nullableInteger, "subtree": ref("BreakthroughTally"),
            "children": ["type": "array", "items": object(["organizationId": ["type": "integer"], "name": ["type": "string"], "tally": ref("BreakthroughTally")],
                                                          required: ["organizationId", "name", "tally"])],
        ], required: ["organizationId", "organizationName", "subtree", "children"]),
    ]

    private static let memberFields: [(String, JSONValue)] = [
        ("fullName", ["type": "string", "description": "Split into họ, chữ đệm, tên when the parts are not given"]),
        ("familyName", ["type": "string"]), ("middleName", ["type": "string"]), ("givenName", ["type": "string"]),
        ("gender", gender), ("birthDate", date), ("cardNumber", ["type": "string"]), ("admittedOn", date), ("fullMemberOn", date),
        ("status", memberStatus), ("organizationId", ["type": "integer", "description": "The cell; on create only"]),
        ("idNumber", ["type": "string"]), ("phone", ["type": "string"]), ("address", ["type": "string"]),
    ]

    private static let studyFormat: JSONValue = ["type": "string", "enum": ["in_person", "online", "hybrid"]]
    private static let attendanceStatus: JSONValue = ["type": "string", "enum": ["present", "absent", "excused"]]

    private static let sessionFields: [(String, JSONValue)] = [
        ("organizationId", ["type": "integer", "description": "The unit holding the session; on create only"]),
        ("campaignId", ["type": "integer", "description": "An active campaign covering the unit; the date must fall in its period"]),
        ("title", ["type": "string"]), ("heldOn", date), ("format", studyFormat), ("presenter", ["type": "string"]),
        ("nonMemberAttendees", ["type": "integer", "minimum": 0]), ("documentIds", ["type": "array", "items": ["type": "integer"]]),
        ("bridgePoints", ["type": "array", "items": ref("BridgePoint")]),
    ]

    private static let documentFields: [(String, JSONValue)] = [
        ("symbol", ["type": "string", "description": "Number and symbol as written: \"Số 05-CT/TW\", \"05 - ct / tw\", \"02-DA/TU\""]),
        ("title", ["type": "string", "description": "Trích yếu"]), ("issuedOn", date),
        ("organizationId", ["type": "integer", "description": "The issuing organisation; absent for central documents (administrators only)"]),
    ]

    // MARK: Builders

    /// A reflection sent as JSON (the file in base64) or as multipart/form-data.
    private static func reflectionSubmission(_ id: String, _ summary: String, tag: String) -> JSONValue {
        ["operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
         "requestBody": ["required": true, "content": [
            "application/json": ["schema": ref("ReflectionSubmission")],
            "multipart/form-data": ["schema": object(["campaignId": ["type": "integer"], "memberId": ["type": "integer"], "body": ["type": "string"],
                                                      "file": ["type": "string", "format": "binary"]], required: ["campaignId"])],
         ]],
         "responses": ["201": ["description": "Submitted", "content": ["application/json": ["schema": ref("Reflection")]]],
                       "400": ["$ref": "#/components/responses/400"], "401": ["$ref": "#/components/responses/401"],
                       "403": ["$ref": "#/components/responses/403"], "404": ["$ref": "#/components/responses/404"],
                       "409": ["$ref": "#/components/responses/409"], "422": ["$ref": "#/components/responses/422"]]]
    }

    /// A pattern for a comma-separated list of `values`.
    private static func commaList(of values: [String]) -> String {
        let one = "(" + values.joined(separator: "|") + ")"
        return "^\(one)(,\(one))*$"
    }

    private static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
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

    private static func param(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/parameters/\(name)")]
    }

    private static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map(JSONValue.string)))) }
        return .object(pairs)
    }

    private static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String] = []) -> JSONValue {
        object(properties.map { ($0.key, $0.value) }, required: required)
    }

    private static func page(of item: String) -> JSONValue {
        object(["items": ["type": "array", "items": ref(item)], "page": ["type": "integer"], "perPage": ["type": "integer"], "total": ["type": "integer"]],
               required: ["items", "page", "perPage", "total"])
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
