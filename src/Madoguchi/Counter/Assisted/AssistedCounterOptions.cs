using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Counter.Assisted;

/// <summary>Settings of the no-writing counter (section "AssistedCounter").</summary>
public sealed class AssistedCounterOptions
{
    /// <summary>
    /// A register file in the demo register's format to use instead of the embedded demo register
    /// (a trial installation before the core-system adapter exists; the tests). Empty: the embedded one.
    /// </summary>
    public string? RegisterFile { get; set; }

    /// <summary>How long an identified visitor's facts stay usable between identification and the start of the visit (they travel in the page, protected, and are never stored).</summary>
    [Range(1, 240)]
    public int IdentificationMinutes { get; set; } = 30;

    /// <summary>How long a card read posted by a card-reader client waits to be taken up by the staff at that counter.</summary>
    [Range(1, 60)]
    public int CardReadMinutes { get; set; } = 10;

    /// <summary>
    /// A visit never submitted is deleted with its drafts after this many hours: the drafts hold the
    /// visitor's personal data, and a visit is finished the same day or started again.
    /// </summary>
    [Range(1, 24 * 90)]
    public int AbandonedVisitHours { get; set; } = 72;

    /// <summary>How often the clean-up of abandoned visits runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AbandonedVisitCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
