using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Format assertions for the formats forms use (RFC 3339 dates and times, RFC 5321 mailbox,
/// RFC 2673/4291 addresses, RFC 3986 URIs, RFC 4122 UUIDs). Unknown formats pass, as the spec asks.
/// </summary>
internal static partial class FormatChecks
{
    public static bool IsValid(string format, string value) => format switch
    {
        "date" => IsDate(value),
        "time" => IsTime(value),
        "date-time" => IsDateTime(value),
        "email" => IsEmail(value),
        "ipv4" => Ipv4().IsMatch(value),
        "ipv6" => IsIpv6(value),
        "uri" => IsUri(value),
        "uuid" => Uuid().IsMatch(value),
        _ => true,
    };

    private static bool IsDate(string value)
    {
        var match = Date().Match(value);
        if (!match.Success)
        {
            return false;
        }
        var year = Parse(match.Groups[1]);
        var month = Parse(match.Groups[2]);
        var day = Parse(match.Groups[3]);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool IsTime(string value)
    {
        var match = Time().Match(value);
        if (!match.Success)
        {
            return false;
        }
        var hour = Parse(match.Groups[1]);
        var minute = Parse(match.Groups[2]);
        var second = Parse(match.Groups[3]);
        var offsetHour = match.Groups[5].Success ? Parse(match.Groups[5]) : 0;
        var offsetMinute = match.Groups[6].Success ? Parse(match.Groups[6]) : 0;
        if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59)
        {
            return false;
        }
        if (second < 60)
        {
            return true;
        }
        // A leap second exists only at 23:59:60 UTC.
        var sign = match.Groups[4].Value == "-" ? -1 : 1;
        var utcMinutes = ((hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute)) % 1440 + 1440) % 1440;
        return utcMinutes == 23 * 60 + 59;
    }

    private static bool IsDateTime(string value)
    {
        var separator = value.IndexOfAny(['T', 't']);
        return separator > 0 && IsDate(value[..separator]) && IsTime(value[(separator + 1)..]);
    }

    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }
        var local = value[..at];
        var domain = value[(at + 1)..];
        var localValid = local.StartsWith('"') ? QuotedLocal().IsMatch(local) : DotAtom().IsMatch(local);
        if (!localValid)
        {
            return false;
        }
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? IsIpv6(literal[5..]) : Ipv4().IsMatch(literal);
        }
        return Hostname().IsMatch(domain);
    }

    private static bool IsIpv6(string value) =>
        Ipv6Characters().IsMatch(value)
        && (!value.Contains('.', StringComparison.Ordinal) || Ipv4().IsMatch(value[(value.LastIndexOf(':') + 1)..]))
        && IPAddress.TryParse(value, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsUri(string value) =>
        UriCharacters().IsMatch(value)
        && (!value.Contains('[', StringComparison.Ordinal) || IpLiteralHost().IsMatch(value))
        && Uri.TryCreate(value, UriKind.Absolute, out _);

    private static int Parse(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})\z")]
    private static partial Regex Date();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))\z")]
    private static partial Regex Time();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z")]
    private static partial Regex DotAtom();

    [GeneratedRegex(@"^""(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*""\z")]
    private static partial Regex QuotedLocal();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+\z")]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*\z")]
    private static partial Regex UriCharacters();

    /// <summary>RFC 3986 allows square brackets only around an IP literal host.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@\[\]]*@)?\[[0-9A-Fa-f:.]+\](?::[0-9]*)?(?:[/?#][^\[\]]*)?\z")]
    private static partial Regex IpLiteralHost();

    [GeneratedRegex(@"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z")]
    private static partial Regex Uuid();
}
