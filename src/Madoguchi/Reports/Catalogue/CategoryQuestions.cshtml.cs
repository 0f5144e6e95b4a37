using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Catalogue;

/// <summary>
/// A category's extra questions (街灯の管理番号, 危険の程度 …): add, edit, remove. They are asked on
/// the report form, shown to staff and published as Open311 service definition attributes. Each
/// change checks the category's Version, so two admins editing at once do not lose a question.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed partial class CategoryQuestionsModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxQuestions = 20;
    public const int MaxChoices = 20;
    public const int MaxChoiceLength = 50;

    public sealed class InputModel
    {
        /// <summary>The code of the question being edited; empty when adding.</summary>
        public string? OriginalCode { get; set; }
        public int Version { get; set; }

        [Required(ErrorMessage = "コードを入力してください。")]
        [MaxLength(40, ErrorMessage = "コードは40文字以内で入力してください。")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "質問を入力してください。")]
        [MaxLength(100, ErrorMessage = "質問は100文字以内で入力してください。")]
        public string Label { get; set; } = "";

        public QuestionKind Kind { get; set; } = QuestionKind.Text;

        /// <summary>One choice a line (Kind = Choice).</summary>
        [MaxLength(2000, ErrorMessage = "選択肢は2000文字以内で入力してください。")]
        public string? Choices { get; set; }

        [MaxLength(200, ErrorMessage = "説明は200文字以内で入力してください。")]
        public string? Hint { get; set; }

        public bool Required { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ReportCategory Category { get; private set; } = null!;
    public IReadOnlyList<CategoryQuestion> Questions { get; private set; } = [];
    public bool Editing => Input.OriginalCode is { Length: > 0 };
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? edit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Notice = TempData["notice"] as string;
        Input = new InputModel { Version = Category.Version };
        if (edit is not null)
        {
            var q = Questions.FirstOrDefault(x => x.Code == edit);
            if (q is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                OriginalCode = q.Code, Version = Category.Version, Code = q.Code, Label = q.Label, Kind = q.Kind,
                Choices = q.Kind == QuestionKind.Choice ? string.Join('\n', q.Choices) : null, Hint = q.Hint, Required = q.Required,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var code = Input.Code?.Trim() ?? "";
        if (code.Length > 0 && !CodePattern().IsMatch(code))
        {
            ModelState.AddModelError("Input.Code", l["コードは半角の英小文字・数字・ハイフン・下線で入力してください（例：pole-number）。"]);
        }

        var others = Questions.Where(q => q.Code != Input.OriginalCode).ToList();
        if (others.Any(q => q.Code == code))
        {
            ModelState.AddModelError("Input.Code", l["このコードの質問がすでにあります。"]);
        }

        if (Input.OriginalCode is { Length: > 0 } original && Questions.All(q => q.Code != original))
        {
            ModelState.AddModelError("", l["この質問は他の職員が削除しました。"]);
        }
        else if (!Editing && Questions.Count >= MaxQuestions)
        {
            ModelState.AddModelError("", l["質問は{0}個までです。", MaxQuestions]);
        }

        var choices = ChoicesOf(Input);
        if (Input.Kind == QuestionKind.Choice)
        {
            if (choices.Count < 2)
            {
                ModelState.AddModelError("Input.Choices", l["選択肢を2つ以上、1行に1つずつ入力してください。"]);
            }
            else if (choices.Count > MaxChoices)
            {
                ModelState.AddModelError("Input.Choices", l["選択肢は{0}個までです。", MaxChoices]);
            }
            else if (choices.Any(c => c.Length > MaxChoiceLength))
            {
                ModelState.AddModelError("Input.Choices", l["選択肢は1つ{0}文字以内で入力してください。", MaxChoiceLength]);
            }
            else if (choices.Distinct().Count() != choices.Count)
            {
                ModelState.AddModelError("Input.Choices", l["同じ選択肢が2回あります。"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var question = new CategoryQuestion(code, Input.Label.Trim(), Input.Required, choices, string.IsNullOrWhiteSpace(Input.Hint) ? null : Input.Hint.Trim());
        var updated = Editing
            ? Questions.Select(q => q.Code == Input.OriginalCode ? question : q).ToList()
            : [.. Questions, question];
        return await SaveAsync(updated, l["質問を保存しました。"], ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string code, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new InputModel { Version = version };
        if (Questions.All(q => q.Code != code))
        {
            return RedirectToPage(new { id });
        }

        return await SaveAsync(Questions.Where(q => q.Code != code).ToList(), l["質問を削除しました。"], ct);
    }

    private async Task<IActionResult> SaveAsync(List<CategoryQuestion> questions, string notice, CancellationToken ct)
    {
        var json = CategoryQuestion.Serialize(questions);
        if (json.Length > 8000)
        {
            ModelState.AddModelError("", l["質問と選択肢が多すぎます。減らしてから保存してください。"]);
            return Page();
        }

        var category = await db.Set<ReportCategory>().SingleAsync(c => c.Id == Category.Id, ct);
        db.Entry(category).Property(c => c.Version).OriginalValue = Input.Version;
        category.QuestionsJson = json;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先にこの種類を更新しました。画面を開き直して、もう一度操作してください。"]);
            return Page();
        }

        TempData["notice"] = notice;
        return RedirectToPage(new { id = Category.Id });
    }

    private static List<string> ChoicesOf(InputModel input) => input.Kind switch
    {
        QuestionKind.YesNo => [.. CategoryQuestion.YesNo],
        QuestionKind.Choice => (input.Choices ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
        _ => [],
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var category = await db.Set<ReportCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return false;
        }

        Category = category;
        Questions = category.Questions;
        return true;
    }

    /// <summary>ASCII: the code is the Open311 attribute code and a form field name.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex CodePattern();
}
