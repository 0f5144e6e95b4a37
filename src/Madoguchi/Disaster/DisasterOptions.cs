using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Disaster;

/// <summary>Settings of the disaster module (section "Disaster").</summary>
public sealed class DisasterOptions : IValidatableObject
{
    /// <summary>Whether this node runs the notice dispatcher (any number of nodes may).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries one node claims at once.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed batch belongs to one node; after a crash another node takes it over when it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ChannelTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ChannelTimeout * 2 > Lease)
        {
            // A slow delivery must never outlast its lease, or a second node could send it again.
            yield return new ValidationResult("Disaster:Lease must be at least twice Disaster:ChannelTimeout.", [nameof(Lease)]);
        }
    }
}
