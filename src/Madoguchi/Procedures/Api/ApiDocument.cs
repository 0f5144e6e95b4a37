using System.Text.Json.Nodes;

namespace Madoguchi.Procedures.Api;

/// <summary>
/// The OpenAPI 3.1 description of <see cref="ApplicationsApi"/>, served at /openapi/v1.json. Written
/// out rather than generated: the generator package is not among the installation's approved
/// packages, and a hand-kept document is checked by a test against the mapped routes and against
/// real responses (its schemas are JSON Schema 2020-12, validated with the form engine's validator).
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static JsonObject Build()
    {
        var tenant = Parameter("tenant", "path", true, "全国地方公共団体コード（6桁、検査数字付き）", new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{6}$" });
        var id = Parameter("id", "path", true, "申請のID", Uuid());
        var problems = new JsonObject
        {
            ["401"] = ProblemResponse("APIキーがないか、無効です。"),
            ["404"] = ProblemResponse("見つかりません（他の団体・他の課の申請を含む）。"),
            ["429"] = ProblemResponse("要求が多すぎます。Retry-After の秒数だけ待ってください。"),
        };

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Madoguchi API",
                ["version"] = "1",
                ["description"] = "基幹システム向けの申請データAPI。到達した申請の一覧、1件の申請（JSONエクスポート形式 madoguchi.application.v1）、添付ファイルを取得します。認証は Authorization: Bearer <APIキー>。エラーは RFC 9457 (application/problem+json)。",
            },
            ["paths"] = new JsonObject
            {
                ["/{tenant}/api/v1/applications"] = new JsonObject
                {
                    ["get"] = Operation("listApplications", "到達した申請の一覧（到達番号順、カーソルでページ送り）",
                        [
                            tenant.DeepClone(),
                            Parameter("procedure", "query", false, "手続のキー（例：jidou-teate-nintei）", new JsonObject { ["type"] = "string" }),
                            Parameter("status", "query", false, "状態", StatusSchema()),
                            Parameter("submittedSince", "query", false, "この日時以降に到達したもの（RFC 3339）", new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
                            Parameter("cursor", "query", false, "前の応答の nextCursor", new JsonObject { ["type"] = "string" }),
                            Parameter("limit", "query", false, "1ページの件数（1〜500、既定100）", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = ApplicationsApi.MaxLimit }),
                        ],
                        Ok("application/json", Ref("ApplicationPage")), problems, with400: true),
                },
                ["/{tenant}/api/v1/applications/{id}"] = new JsonObject
                {
                    ["get"] = Operation("getApplication", "1件の申請（JSONエクスポート形式）", [tenant.DeepClone(), id.DeepClone()],
                        Ok("application/json", Ref("ApplicationDocument")), problems, with400: false),
                },
                ["/{tenant}/api/v1/applications/{id}/decision"] = new JsonObject
                {
                    ["post"] = DecisionOperation(tenant, id, problems),
                },
                ["/{tenant}/api/v1/applications/{id}/attachments/{attachmentId}"] = new JsonObject
                {
                    ["get"] = Operation("getAttachment", "添付ファイル（SHA-256 は申請の attachments[].sha256）",
                        [tenant.DeepClone(), id.DeepClone(), Parameter("attachmentId", "path", true, "添付ファイルのID", Uuid())],
                        Ok("application/octet-stream", new JsonObject { ["type"] = "string", ["contentMediaType"] = "application/octet-stream" }), problems, with400: false),
                },
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "団体の管理者が発行したAPIキー" },
                },
                ["schemas"] = Schemas(),
            },
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
        };
    }

    /// <summary>POST decision: If-Match with the ETag of GET, the approver by e-mail; answers the decided document.</summary>
    private static JsonObject DecisionOperation(JsonObject tenant, JsonObject id, JsonObject problems)
    {
        var operation = Operation("postDecision",
            "決定（承認・不承認）の登録。決定の登録を許可したキーだけ。decidedBy は課の決定権限を持つ職員。If-Match に GET の ETag",
            [tenant.DeepClone(), id.DeepClone(), Parameter("If-Match", "header", true, "GET /applications/{id} の ETag", new JsonObject { ["type"] = "string" })],
            Ok("application/json", Ref("ApplicationDocument")), problems, with400: true);
        var responses = operation["responses"]!.AsObject();
        responses["403"] = ProblemResponse("キーに決定の権限がないか、decidedBy の職員にこの課の決定権限がありません。");
        responses["409"] = ProblemResponse("今の状態では決定できません（決定済み・取下げ・補正中など）。");
        responses["412"] = ProblemResponse("ETag が古い: 申請はその後に更新されています。何も変更していません。");
        responses["422"] = ProblemResponse("decidedBy の職員が見つからないか、不承認に理由がありません。");
        responses["428"] = ProblemResponse("If-Match がありません。");
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["decision"] = new JsonObject { ["enum"] = new JsonArray("approve", "reject") },
                            ["reason"] = Str("理由・付記事項（不承認では必須。決定通知書に記載）"),
                            ["decidedBy"] = new JsonObject { ["type"] = "string", ["format"] = "email", ["description"] = "決定した職員のメールアドレス" },
                        },
                        ["required"] = new JsonArray("decision", "decidedBy"),
                    },
                },
            },
        };
        return operation;
    }

    private static JsonObject Schemas() => new()
    {
        ["ApplicationSummary"] = Object(
            ("id", Uuid()), ("receiptNumber", Str("到達番号")), ("procedureKey", Str("手続のキー")),
            ("procedureVersion", new JsonObject { ["type"] = "integer" }), ("status", StatusSchema()),
            ("submittedAt", DateTime("到達日時 (UTC)")), ("updatedAt", DateTime("最終更新 (UTC)")), ("departmentId", Uuid())),
        ["ApplicationPage"] = Object(
            ("items", new JsonObject { ["type"] = "array", ["items"] = Ref("ApplicationSummary") }),
            ("nextCursor", new JsonObject { ["type"] = new JsonArray("string", "null"), ["description"] = "次のページ。最後のページでは null" })),
        ["ApplicationDocument"] = Object(
            ("format", new JsonObject { ["const"] = Exports.ApplicationDocument.FormatName }),
            ("id", Uuid()),
            ("procedure", Object(("id", Uuid()), ("key", Str("手続のキー")), ("version", new JsonObject { ["type"] = "integer" }), ("title", Str("手続名")))),
            ("department", Object(("id", Uuid()), ("name", Str("担当課")))),
            ("receiptNumber", Str("到達番号")),
            ("submittedAt", DateTime("到達日時 (UTC)")),
            ("dueAt", new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time", ["description"] = "標準処理期間による処理期限" }),
            ("updatedAt", DateTime("最終更新 (UTC)")),
            ("status", StatusSchema()),
            ("channel", new JsonObject { ["enum"] = new JsonArray("Online", "Counter") }),
            ("data", new JsonObject { ["type"] = "object", ["description"] = "申請内容。手続の版の JSON Schema に従う" }),
            ("attachments", new JsonObject { ["type"] = "array", ["items"] = Ref("Attachment") })),
        ["Attachment"] = Object(
            ("id", Uuid()), ("key", Str("添付書類のキー")), ("fileName", Str("ファイル名")), ("contentType", Str("MIME type")),
            ("size", new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
            ("sha256", new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{64}$" }), ("uploadedAt", DateTime("添付日時 (UTC)"))),
        ["Problem"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "RFC 9457 problem details (title は日本語)",
            ["properties"] = new JsonObject
            {
                ["type"] = Str("問題の種類 (URI)"), ["title"] = Str("要約（日本語）"), ["status"] = new JsonObject { ["type"] = "integer" },
                ["detail"] = Str("詳細"), ["instance"] = Str("対象"),
            },
            ["required"] = new JsonArray("title", "status"),
        },
    };

    private static JsonObject Operation(string operationId, string summary, JsonNode[] parameters, JsonObject ok, JsonObject problems, bool with400)
    {
        var responses = new JsonObject { ["200"] = ok };
        if (with400)
        {
            responses["400"] = ProblemResponse("指定の値が正しくありません。");
        }

        foreach (var (status, response) in problems)
        {
            responses[status] = response!.DeepClone();
        }

        return new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
            ["parameters"] = new JsonArray(parameters),
            ["responses"] = responses,
        };
    }

    private static JsonObject Parameter(string name, string @in, bool required, string description, JsonObject schema) => new()
    {
        ["name"] = name, ["in"] = @in, ["required"] = required, ["description"] = description, ["schema"] = schema,
    };

    private static JsonObject Ok(string mediaType, JsonObject schema) => new()
    {
        ["description"] = "OK",
        ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
    };

    private static JsonObject ProblemResponse(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("Problem") } },
    };

    private static JsonObject Object(params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Name)!).ToArray()),
        };
    }

    private static JsonObject StatusSchema() => new()
    {
        ["enum"] = new JsonArray(Enum.GetNames<Applications.ApplicationStatus>().Where(n => n != nameof(Applications.ApplicationStatus.Draft))
            .Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static JsonObject Uuid() => new() { ["type"] = "string", ["format"] = "uuid" };

    private static JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject DateTime(string description) => new() { ["type"] = "string", ["format"] = "date-time", ["description"] = description };
}
