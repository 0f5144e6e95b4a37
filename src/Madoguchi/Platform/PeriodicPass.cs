namespace Madoguchi.Platform;

/// <summary>
/// A background job that runs one pass when the host starts and then one per interval. A failing
/// pass (the database restarting) is logged and must not stop the host: the next tick tries again.
/// Every pass must be safe with the same job running on other nodes at the same time.
/// </summary>
public abstract partial class PeriodicPass(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;
    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>False: the job is switched off in configuration and never runs.</summary>
    protected virtual bool Enabled => true;

    /// <summary>One pass; the number of items it handled is logged when not zero.</summary>
    protected abstract Task<int> RunPassAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                var handled = await RunPassAsync(stoppingToken);
                if (handled > 0)
                {
                    LogPass(Logger, GetType().Name, handled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(Logger, GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job}: {Count} handled in this pass")]
    private static partial void LogPass(ILogger logger, string job, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job}: a pass failed; the next interval tries again")]
    private static partial void LogPassFailed(ILogger logger, string job, Exception ex);
}
