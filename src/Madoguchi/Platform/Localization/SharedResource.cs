namespace Madoguchi.Platform.Localization;

/// <summary>
/// Marker for the shared string table. Keys are the Japanese text itself, so Japanese needs no
/// resource file; SharedResource.en.resx holds English.
/// </summary>
public sealed class SharedResource;
