namespace Madoguchi.Disaster.Subscriptions;

/// <summary>The language a subscriber reads notices in.</summary>
public enum NoticeLanguage
{
    /// <summary>日本語</summary>
    Japanese = 1,
    /// <summary>やさしい日本語 (for residents still learning Japanese, children, and in haste).</summary>
    EasyJapanese = 2,
    English = 3,
}
