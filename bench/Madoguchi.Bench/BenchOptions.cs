using System.Globalization;

namespace Madoguchi.Bench;

internal sealed record BenchOptions(string Provider, string? PostgresConnection, int Rows, double Seconds)
{
    public static BenchOptions? Parse(string[] args)
    {
        var provider = "sqlite";
        string? pg = null;
        var rows = 1500;
        var seconds = 8.0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider" when value is "sqlite" or "postgres":
                    provider = value;
                    break;
                case "--pg" when value is not null:
                    pg = value;
                    break;
                case "--rows" when int.TryParse(value, CultureInfo.InvariantCulture, out var r) && r > 0:
                    rows = r;
                    break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 60:
                    seconds = s;
                    break;
                default:
                    return null;
            }

            i++;
        }

        return provider == "postgres" && pg is null ? null : new BenchOptions(provider, pg, rows, seconds);
    }
}
