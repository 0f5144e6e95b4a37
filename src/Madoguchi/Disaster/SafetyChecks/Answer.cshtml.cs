using System.ComponentModel.DataAnnotations;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
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
public sealed class AnswerModel(MadoguchiDb db, SafetyAnswerWriter writer, TenantContext tenant, AuditActor actor, IStringLocalizer<SharedResource> l) : PageModel
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
        if (token.Length != 48)
        {
            return NotFound();
        }

        if (Input.Answer is not { } answer || !Enum.IsDefined(answer))
        {
            ModelState.AddModelError("Input.Answer", l["いまの状況を選んでください。"]);
        }
        else if (answer == SafetyAnswer.AtShelter && Input.ShelterId is null)
        {
            ModelState.AddModelError("Input.ShelterId", l["いる避難所を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(token, ct);
        }

        // Written by the group-commit writer with other answers of the moment; answered after the commit.
        var outcome = await writer.WriteAsync(new QueuedAnswer(
            tenant.TenantId!.Value, tenant.Code!, tenant.Name!, tenant.NameEn!,
            SafetyTarget.Hash(token), Input.Answer!.Value, Input.ShelterId, Input.Message, Input.Version,
            actor.Name, actor.Address));
        switch (outcome)
        {
            case AnswerOutcome.Saved:
                TempData["thanks"] = true;
                return Redirect($"/{RouteData.Values["tenant"]}/safety/{token}");
            case AnswerOutcome.NotFound:
                return NotFound();
            case AnswerOutcome.ShelterMissing:
                ModelState.AddModelError("Input.ShelterId", l["いる避難所を選んでください。"]);
                return await ShowAgainAsync(token, ct);
            case AnswerOutcome.Conflict:
                // The same person answered in another tab a moment ago; show what is recorded now.
                ModelState.AddModelError("", l["別の画面から先に回答が送られました。内容を確かめて、必要ならもう一度送ってください。"]);
                var shown = await ShowAgainAsync(token, ct);
                Input.Version = Target.Version;
                return shown;
            default:
                return await ShowAgainAsync(token, ct);
        }
    }

    /// <summary>The form again with its messages; a closed campaign says only that it is closed.</summary>
    private async Task<IActionResult> ShowAgainAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        if (Campaign.ClosedAt is not null)
        {
            ModelState.Clear();
            ModelState.AddModelError("", l["この安否確認は終了しました。回答は受け付けていません。お困りのことがあれば市役所へ電話してください。"]);
        }

        await LoadSheltersAsync(ct);
        return Page();
    }

    private sealed record TargetInCampaign(SafetyTarget Target, SafetyCampaign Campaign);

    // Compiled once: every answer runs this lookup, and an uncompiled LINQ query pays for hashing its
    // expression tree against EF's query cache on each request (the tenant filter still applies).
    private static readonly Func<MadoguchiDb, string, CancellationToken, Task<TargetInCampaign?>> FindByTokenHash =
        EF.CompileAsyncQuery((MadoguchiDb db, string hash, CancellationToken ct) => db.Set<SafetyTarget>()
            .Where(t => t.TokenHash == hash)
            .Join(db.Set<SafetyCampaign>(), t => t.CampaignId, c => c.Id, (t, c) => new TargetInCampaign(t, c))
            .FirstOrDefault());

    /// <summary>The target and its campaign in one indexed lookup by the token's hash.</summary>
    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (token.Length != 48)
        {
            return false;
        }

        if (await FindByTokenHash(db, SafetyTarget.Hash(token), ct) is not { } found)
        {
            return false;
        }

        (Target, Campaign) = (found.Target, found.Campaign);
        return true;
    }

    private async Task LoadSheltersAsync(CancellationToken ct) =>
        Shelters = await db.Set<Shelter>().OrderByDescending(s => s.Open).ThenBy(s => s.Name).Select(s => new ShelterOption(s.Id, s.Name)).ToListAsync(ct);
}
