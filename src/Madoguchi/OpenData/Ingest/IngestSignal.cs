namespace Madoguchi.OpenData.Ingest;

/// <summary>Wakes this node's ingest worker at once when an upload arrives (other nodes find it on their next poll).</summary>
public sealed class IngestSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Nudge()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another upload nudged at the same moment: one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
