using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace Madoguchi.Platform.Assisted;

/// <summary>
/// The Procedures module's side of the no-writing counter (書かない窓口): counter applications are
/// ordinary applications (channel 窓口) filled with the same form engine, so that they reach the
/// same staff queue. The Counter module drives the visit through this contract and never reads the
/// Procedures tables. Every call works inside the current municipality (tenant filter) and only on
/// counter applications.
/// </summary>
public interface IAssistedApplications
{
    /// <summary>The published procedures of the municipality, by life event, for the staff to choose from.</summary>
    Task<IReadOnlyList<AssistableProcedure>> ProceduresAsync(CancellationToken ct);

    /// <summary>
    /// Creates the counter draft <paramref name="applicationId"/> of a procedure, filled from the
    /// visitor's facts; a repeated call with the same id returns the draft already made.
    /// </summary>
    Task<AssistedDraft?> StartAsync(Guid applicationId, Guid procedureId, VisitorFacts facts, CancellationToken ct);

    Task<AssistedDraft?> FindAsync(Guid applicationId, CancellationToken ct);

    /// <summary>
    /// Fills the blank fields of <paramref name="targetId"/> that ask for the visitor's own facts
    /// (name, address, phone …) with what was entered for <paramref name="sourceId"/>: entered once,
    /// used by every procedure of the visit. Never overwrites a value.
    /// </summary>
    Task CarryOverAsync(Guid sourceId, Guid targetId, CancellationToken ct);

    Task<IHtmlContent?> RenderPageAsync(Guid applicationId, int page, CancellationToken ct);

    /// <summary>Binds and saves one posted page; <paramref name="validate"/> is 次へ (the page must be complete).</summary>
    Task<AssistedPageResult> SavePageAsync(Guid applicationId, int page, IFormCollection form, bool validate, int seenVersion, CancellationToken ct);

    /// <summary>Everything entered, read back, with what is still missing.</summary>
    Task<AssistedReview?> ReviewAsync(Guid applicationId, CancellationToken ct);

    /// <summary>
    /// Submits the counter draft exactly once, as it was when the visitor confirmed it
    /// (<paramref name="confirmedVersion"/>): the application gets its 到達番号 and enters the queue;
    /// the step is recorded as done by <paramref name="staffId"/>. A repeated call answers with the same number.
    /// </summary>
    Task<AssistedSubmitResult> SubmitAsync(Guid applicationId, int confirmedVersion, Guid staffId, Guid? residentId, CancellationToken ct);

    /// <summary>
    /// Deletes a counter draft that was never submitted, with its attachments, in the caller's
    /// transaction (the files go after the caller commits, see <see cref="DeleteDiscardedFiles"/>).
    /// False when it is not a counter draft any more (submitted meanwhile) or is gone.
    /// </summary>
    Task<bool> DiscardDraftAsync(Guid applicationId, CancellationToken ct);

    /// <summary>Deletes the stored files of the drafts discarded in this scope; call after the transaction commits.</summary>
    void DeleteDiscardedFiles();
}

public sealed record AssistableProcedure(Guid Id, string Key, string Title, Guid DepartmentId, IReadOnlyList<string> LifeEvents);

/// <param name="Prefilled">The labels of the fields filled from the visitor's facts (empty for a draft found again).</param>
public sealed record AssistedDraft(
    Guid ApplicationId, Guid ProcedureId, string Title, Guid DepartmentId, IReadOnlyList<string> PageTitles, int Version,
    string? ReceiptNumber, DateTime? SubmittedAt, IReadOnlyList<string> Prefilled);

public enum AssistedSaveOutcome
{
    Saved,
    NotFound,
    /// <summary>Already submitted: nothing can change any more.</summary>
    NotADraft,
    /// <summary>Saved meanwhile from another screen; shown again with the latest data.</summary>
    Conflict,
}

/// <param name="Redisplay">The page again with its messages, when it has errors or a repeat item was added or removed.</param>
public sealed record AssistedPageResult(AssistedSaveOutcome Outcome, IHtmlContent? Redisplay);

public sealed record AssistedReview(
    string Title, int Version, IReadOnlyList<AssistedSection> Sections, IReadOnlyList<AssistedProblem> Problems, string? ReceiptNumber);

public sealed record AssistedSection(int Page, string Title, IReadOnlyList<(string Label, string Value)> Rows);

public sealed record AssistedProblem(int Page, string Label, string Message);

public enum AssistedSubmitOutcome
{
    Submitted,
    AlreadySubmitted,
    NotFound,
    /// <summary>The data changed after the visitor confirmed it: they must confirm again.</summary>
    ChangedSinceConfirmed,
    /// <summary>Something is still missing or wrong.</summary>
    Incomplete,
    ProcedureNotOpen,
}

public sealed record AssistedSubmitResult(AssistedSubmitOutcome Outcome, string? ReceiptNumber = null, DateTime? SubmittedAt = null);
