using System.Globalization;
using System.Text;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// The reservation as an iCalendar object (RFC 5545). Times are written in UTC ("Z" form), which
/// every calendar shows in its user's zone, so no VTIMEZONE is needed. METHOD:PUBLISH, not REQUEST:
/// this is a confirmed appointment to put in the calendar, not a meeting the resident answers.
/// One UID per reservation and SEQUENCE from its version, so a changed time replaces the event
/// and a cancellation (STATUS:CANCELLED) removes it.
/// </summary>
public static class ICalendarInvitation
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";

    public sealed record Appointment(Guid ReservationId, int Sequence, DateTime StartsAtUtc, DateTime EndsAtUtc,
        string Summary, string Location, string Description, string? Url, bool Cancelled, DateTime StampUtc);

    public static string Write(Appointment a)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Madoguchi//Counter reservations//JA",
            "CALSCALE:GREGORIAN",
            a.Cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{a.ReservationId:D}@madoguchi",
            "SEQUENCE:" + a.Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + Utc(a.StampUtc),
            "DTSTART:" + Utc(a.StartsAtUtc),
            "DTEND:" + Utc(a.EndsAtUtc),
            "SUMMARY:" + Text(a.Summary),
            "LOCATION:" + Text(a.Location),
            "DESCRIPTION:" + Text(a.Description),
            a.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
        };
        if (a.Url is not null)
        {
            lines.Insert(lines.Count, "URL:" + a.Url);
        }

        if (!a.Cancelled)
        {
            // A reminder an hour before, in the resident's own calendar (the day-before mail is ours).
            lines.AddRange(["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + Text(a.Summary), "TRIGGER:-PT1H", "END:VALARM"]);
        }

        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(sb, line);
        }

        return sb.ToString();
    }

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // TEXT values escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11).
    private static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    // Lines longer than 75 octets are folded with CRLF + space (§3.1), never inside a UTF-8 sequence.
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }
}
