namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>Japanese words for answers and call results (pages translate them through the string table).</summary>
public static class SafetyLabels
{
    public static string Answer(SafetyAnswer? a) => a switch
    {
        SafetyAnswer.Safe => "無事",
        SafetyAnswer.NeedsHelp => "支援が必要",
        SafetyAnswer.AtShelter => "避難所にいる",
        _ => "未回答",
    };

    public static string Call(CallResult r) => r switch
    {
        CallResult.ReachedSafe => "本人と話せた（無事）",
        CallResult.ReachedNeedsHelp => "本人と話せた（支援が必要）",
        CallResult.NoAnswer => "応答なし",
        CallResult.ConfirmedByOthers => "家族・近所の人から確認",
        _ => "訪問が必要",
    };
}
