using System.Globalization;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Localization;

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// The words of a notice in each language. Level names follow the 内閣府 避難情報に関するガイドライン
/// (令和3年); やさしい日本語 follows the 出入国在留管理庁 guideline (short sentences, hiragana readings).
/// A missing language falls back to Japanese, and the message says so in the reader's language.
/// </summary>
public static class NoticeText
{
    public static string Label(NoticeLevel level, NoticeLanguage language = NoticeLanguage.Japanese) => (level, language) switch
    {
        (NoticeLevel.Level3, NoticeLanguage.English) => "Alert level 3: Evacuate if elderly or need help",
        (NoticeLevel.Level4, NoticeLanguage.English) => "Alert level 4: Evacuation order",
        (NoticeLevel.Level5, NoticeLanguage.English) => "Alert level 5: Emergency — secure your safety now",
        (NoticeLevel.Lifted, NoticeLanguage.English) => "Evacuation information lifted",
        (NoticeLevel.Level3, NoticeLanguage.EasyJapanese) => "レベル3 おとしより などは にげて ください",
        (NoticeLevel.Level4, NoticeLanguage.EasyJapanese) => "レベル4 みんな にげて ください",
        (NoticeLevel.Level5, NoticeLanguage.EasyJapanese) => "レベル5 いのちを まもって ください",
        (NoticeLevel.Lifted, NoticeLanguage.EasyJapanese) => "ひなんの おしらせは おわりました",
        (NoticeLevel.Level3, _) => "警戒レベル3 高齢者等避難",
        (NoticeLevel.Level4, _) => "警戒レベル4 避難指示",
        (NoticeLevel.Level5, _) => "警戒レベル5 緊急安全確保",
        _ => "避難情報の解除",
    };

    public static (string Text, bool FellBack) Body(Notice notice, NoticeLanguage language)
    {
        var chosen = language switch
        {
            NoticeLanguage.EasyJapanese => notice.BodyEasyJapanese,
            NoticeLanguage.English => notice.BodyEnglish,
            _ => notice.BodyJapanese,
        };
        return string.IsNullOrWhiteSpace(chosen) ? (notice.BodyJapanese, language != NoticeLanguage.Japanese) : (chosen, false);
    }

    public static string Subject(Notice notice, string municipality, NoticeLanguage language) =>
        $"【{Label(notice.Level, language)}】{notice.Title}（{municipality}）";

    public static string Message(Notice notice, string municipality, IReadOnlyList<string> areas, NoticeLanguage language, string unsubscribeUrl, out bool fellBack)
    {
        var (body, fell) = Body(notice, language);
        fellBack = fell;
        var issued = Wareki.ToJapanTime(notice.SentAt ?? notice.CreatedAt);
        var lines = new List<string>();
        switch (language)
        {
            case NoticeLanguage.English:
                lines.Add($"Notice from {municipality}.");
                lines.Add($"[{Label(notice.Level, language)}]");
                lines.Add($"Areas: {string.Join(", ", areas)}");
                if (fell)
                {
                    lines.Add("(This notice has no English text; it is sent in Japanese.)");
                }

                lines.Add("");
                lines.Add(body);
                lines.Add("");
                lines.Add($"Issued: {issued.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (Japan time)");
                lines.Add("-- ");
                lines.Add($"Stop these notices: {unsubscribeUrl}");
                break;
            case NoticeLanguage.EasyJapanese:
                lines.Add($"{municipality}から の おしらせ です。");
                lines.Add($"【{Label(notice.Level, language)}】");
                lines.Add($"ばしょ：{string.Join("、", areas)}");
                if (fell)
                {
                    lines.Add("（やさしい にほんごの ぶんが ないので、ふつうの にほんごで おくります）");
                }

                lines.Add("");
                lines.Add(body);
                lines.Add("");
                lines.Add($"じかん：{issued.Month}がつ{issued.Day}にち {issued:HH:mm}");
                lines.Add("-- ");
                lines.Add($"おしらせを とめる：{unsubscribeUrl}");
                break;
            default:
                lines.Add($"{municipality}からのお知らせです。");
                lines.Add($"【{Label(notice.Level, language)}】");
                lines.Add($"対象地区：{string.Join("、", areas)}");
                lines.Add("");
                lines.Add(body);
                lines.Add("");
                lines.Add($"発表：{Wareki.Date(issued, CultureInfo.GetCultureInfo("ja-JP"))} {issued:HH:mm}");
                lines.Add("-- ");
                lines.Add($"配信停止：{unsubscribeUrl}");
                break;
        }

        return string.Join("\n", lines);
    }
}
