namespace Madoguchi.Disaster.Shelters;

/// <summary>Words for a shelter's state, in Japanese (pages translate them through the string table).</summary>
public static class ShelterLabels
{
    public static string Occupancy(ShelterOccupancy o) => o switch
    {
        ShelterOccupancy.Crowded => "混雑",
        ShelterOccupancy.Full => "満員",
        _ => "空き",
    };

    public static string OccupancyEnglish(ShelterOccupancy o) => o switch
    {
        ShelterOccupancy.Crowded => "crowded",
        ShelterOccupancy.Full => "full",
        _ => "available",
    };
}
