namespace Madoguchi.Platform.Data;

/// <summary>
/// Lets a feature module add rows that must commit together with a change it did not make itself
/// (an outbox row for every status change, whichever service changed the status). Called by
/// <see cref="MadoguchiDb.SaveChangesAsync(bool, CancellationToken)"/> after change detection and
/// before the tenant guard and the audit trail, so what a hook adds is stamped and audited like the
/// rest and commits in the same transaction. The platform defines it; modules implement it, so the
/// platform never references a module.
/// </summary>
public interface ISaveChangesHook
{
    Task BeforeSaveAsync(MadoguchiDb db, CancellationToken cancellationToken);
}
