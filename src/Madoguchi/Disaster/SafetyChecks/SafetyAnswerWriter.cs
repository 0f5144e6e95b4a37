using System.Collections.Concurrent;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.SafetyChecks;

public enum AnswerOutcome
{
    Saved,
    NotFound,
    Closed,
    ShelterMissing,
    Conflict,
}

/// <summary>One answer from a personal link, as posted, waiting for its turn to be written.</summary>
public sealed record QueuedAnswer(
    Guid TenantId, string TenantCode, string TenantName, string TenantNameEn,
    string TokenHash, SafetyAnswer Answer, Guid? ShelterId, string? Message, int Version,
    string ActorName, string? ActorAddress)
{
    internal TaskCompletionSource<AnswerOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Writes safety answers with group commit. After an earthquake thousands of people answer within
/// minutes; written one transaction each, every answer waited for the one before it (SQLite has one
/// writer, and each municipality's audit chain takes one lock on PostgreSQL), so the lock, not the
/// machine, set the pace. Here answers queue up while a write is under way and the next write takes
/// all of them: one lookup, one transaction, one audit-chain step and one commit for the lot. A
/// request is answered only after the commit that holds its answer, so nothing acknowledged is lost
/// when the process dies; an answer not yet committed was never acknowledged.
/// </summary>
public sealed class SafetyAnswerWriter(IServiceScopeFactory scopes, ILogger<SafetyAnswerWriter> log)
{
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<QueuedAnswer> _queue = new();
    private int _writing;

    /// <summary>Queues the answer and completes when it is committed, or with why it was not written.</summary>
    public Task<AnswerOutcome> WriteAsync(QueuedAnswer answer)
    {
        _queue.Enqueue(answer);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // The writing loop must not carry this request's context (its HttpContext and actor).
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteQueuedAsync);
            }
        }

        return answer.Done.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            var batch = new List<QueuedAnswer>();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                foreach (var municipality in batch.GroupBy(a => a.TenantId))
                {
                    await WriteOrSplitAsync(municipality.ToList());
                }

                continue;
            }

            Volatile.Write(ref _writing, 0);
            // An answer queued between the last look and the line above found the loop still running
            // and started none: look once more, and carry on if it is there and no other loop took it.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    internal async Task WriteOrSplitAsync(IReadOnlyList<QueuedAnswer> answers)
    {
        try
        {
            var outcomes = await SaveAsync(answers);
            for (var i = 0; i < answers.Count; i++)
            {
                answers[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e) when (answers.Count > 1)
        {
            // Another node changed one of these targets since they were read (or one row failed):
            // that must not cost the others their answers, so each is written on its own.
            log.LogInformation(e, "A batch of {Count} safety answers is written one by one", answers.Count);
            foreach (var answer in answers)
            {
                await WriteOrSplitAsync([answer]);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            answers[0].Done.TrySetResult(AnswerOutcome.Conflict);
        }
        catch (Exception e)
        {
            answers[0].Done.TrySetException(e);
        }
    }

    /// <summary>One municipality's answers in one transaction; the outcome of each, in order.</summary>
    private async Task<AnswerOutcome[]> SaveAsync(IReadOnlyList<QueuedAnswer> answers)
    {
        await using var scope = scopes.CreateAsyncScope();
        var first = answers[0];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(first.TenantId, first.TenantCode, first.TenantName, first.TenantNameEn);
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();

        var hashes = answers.Select(a => a.TokenHash).Distinct().ToList();
        var targets = await db.Set<SafetyTarget>()
            .Where(t => hashes.Contains(t.TokenHash))
            .Join(db.Set<SafetyCampaign>(), t => t.CampaignId, c => c.Id, (t, c) => new { Target = t, c.ClosedAt })
            .ToDictionaryAsync(x => x.Target.TokenHash);
        var shelterIds = answers.Where(a => a.Answer == SafetyAnswer.AtShelter && a.ShelterId is not null).Select(a => a.ShelterId!.Value).Distinct().ToList();
        var shelters = shelterIds.Count == 0
            ? []
            : await db.Set<Shelter>().Where(s => shelterIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);

        var outcomes = new AnswerOutcome[answers.Count];
        var answered = new HashSet<Guid>();
        var now = DateTime.UtcNow;
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            string? shelterName = null;
            outcomes[i] = !targets.TryGetValue(a.TokenHash, out var found) ? AnswerOutcome.NotFound
                : found.ClosedAt is not null ? AnswerOutcome.Closed
                : a.Answer == SafetyAnswer.AtShelter && (a.ShelterId is not { } shelterId || !shelters.TryGetValue(shelterId, out shelterName)) ? AnswerOutcome.ShelterMissing
                // The form carries the version it showed; a second answer in this batch from the same
                // link was sent from a page that did not show the first.
                : found.Target.Version != a.Version || !answered.Add(found.Target.Id) ? AnswerOutcome.Conflict
                : AnswerOutcome.Saved;
            if (outcomes[i] != AnswerOutcome.Saved)
            {
                continue;
            }

            var target = found!.Target;
            target.Answer = a.Answer;
            target.ShelterName = shelterName;
            target.AnswerMessage = string.IsNullOrWhiteSpace(a.Message) ? null : a.Message.Trim();
            target.AnsweredAt = now;
            db.AttributeTo(target, a.ActorName, a.ActorAddress);
        }

        if (answered.Count > 0)
        {
            await db.SaveChangesAsync();
        }

        return outcomes;
    }
}
