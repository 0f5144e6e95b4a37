using System.ComponentModel.DataAnnotations;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>
/// The personal link of a 安否確認: 無事 / 支援が必要 / 避難所にいる (which one) and a message. An
/// unknown token is a 404 and records nothing; after the campaign closed the answer is refused
/// with a message. Answering again replaces the earlier answer (people move to a shelter later).
/// </summary>
public sealed class AnswerModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public SafetyAnswer? Answer { get; set; }
        public Guid? ShelterId { get; set; }

        [MaxLength(500, ErrorMessage = "メッセージは500文字以内で入力してください。")]
        public string? Message { get; set; }

        public int Version { get; set; }
    }

    public sealed record ShelterOption(Guid Id, string Name);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SafetyTarget Target { get; private set; } = null!;
    public SafetyCampaign Campaign { get; private set; } = null!;
    public IReadOnlyList<ShelterOption> Shelters { get; private set; } = [];
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        await LoadSheltersAsync(ct);

        Thanks = TempData["thanks"] is true;
        Input = new InputModel { Answer = Target.Answer, Message = Target.AnswerMessage, Version = Target.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        if (Campaign.ClosedAt is not null)
        {
            ModelState.AddModelError("", l["この安否確認は終了しました。回答は受け付けていません。お困りのことがあれば市役所へ電話してください。"]);
            return await PageWithSheltersAsync(ct);
        }

        if (Input.Answer is not { } answer || !Enum.IsDefined(answer))
        {
            ModelState.AddModelError("Input.Answer", l["いまの状況を選んでください。"]);
        }

        string? shelterName = null;
        if (Input.Answer == SafetyAnswer.AtShelter)
        {
            // One key lookup of the chosen shelter (most answers are 無事 and need none).
            shelterName = Input.ShelterId is { } shelterId
                ? await db.Set<Shelter>().Where(s => s.Id == shelterId).Select(s => s.Name).FirstOrDefaultAsync(ct)
                : null;
            if (shelterName is null)
            {
                ModelState.AddModelError("Input.ShelterId", l["いる避難所を選んでください。"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return await PageWithSheltersAsync(ct);
        }

        db.Entry(Target).Property(t => t.Version).OriginalValue = Input.Version;
        Target.Answer = Input.Answer;
        Target.ShelterName = shelterName;
        Target.AnswerMessage = string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim();
        Target.AnsweredAt = DateTime.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same person answered in another tab a moment ago; show what is recorded now.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["別の画面から先に回答が送られました。内容を確かめて、必要ならもう一度送ってください。"]);
            await LoadAsync(token, ct);
            Input.Version = Target.Version;
            return await PageWithSheltersAsync(ct);
        }

        TempData["thanks"] = true;
        return Redirect($"/{RouteData.Values["tenant"]}/safety/{token}");
    }

    /// <summary>The target and its campaign in one indexed lookup by the token's hash.</summary>
    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (token.Length != 48)
        {
            return false;
        }

        var hash = SafetyTarget.Hash(token);
        var found = await db.Set<SafetyTarget>()
            .Where(t => t.TokenHash == hash)
            .Join(db.Set<SafetyCampaign>(), t => t.CampaignId, c => c.Id, (t, c) => new { Target = t, Campaign = c })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        (Target, Campaign) = (found.Target, found.Campaign);
        return true;
    }

    private async Task LoadSheltersAsync(CancellationToken ct) =>
        Shelters = await db.Set<Shelter>().OrderByDescending(s => s.Open).ThenBy(s => s.Name).Select(s => new ShelterOption(s.Id, s.Name)).ToListAsync(ct);

    private async Task<IActionResult> PageWithSheltersAsync(CancellationToken ct)
    {
        await LoadSheltersAsync(ct);
        return Page();
    }
}
