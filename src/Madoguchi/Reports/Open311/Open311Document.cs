using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Madoguchi.Reports.Open311;

/// <summary>
/// One Open311 answer written as either JSON or XML from the same tree, so both formats always
/// carry the same fields in the spec's order. A list becomes a JSON array and an XML element
/// whose children are named by <see cref="List.ItemName"/> (services → service).
/// </summary>
public static class Open311Document
{
    public readonly record struct Field(string Name, object? Value);

    public sealed record Item(IReadOnlyList<Field> Fields);

    public sealed record List(string Name, string ItemName, IReadOnlyList<object?> Items);

    public static Item Of(params Field[] fields) => new(fields);

    /// <param name="rootName">The XML root element when <paramref name="root"/> is an object (a list names its own).</param>
    public static IResult Write(string format, int status, object root, string? rootName = null) => format switch
    {
        "xml" => new Utf8Answer(Xml(root, rootName), "text/xml; charset=utf-8", status),
        _ => new JsonAnswer(root, status),
    };

    /// <summary>The spec's error answer: [{"code":403,"description":"…"}] or &lt;errors&gt;&lt;error&gt;….</summary>
    public static IResult Error(string format, int status, string description) =>
        Write(format, status, new List("errors", "error", [Of(new("code", status), new("description", description))]));

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the JSON answer straight into the response, a few dozen items at a time: a 1,000-report
    /// answer is about 0.5 MB, and buffering it whole allocated arrays on the large-object heap on
    /// every request, whose collections showed as the slowest answers.
    /// </summary>
    private sealed class JsonAnswer(object root, int status) : IResult
    {
        private const int ItemsPerFlush = 64;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            var body = response.BodyWriter;
            await using var writer = new Utf8JsonWriter(body, JsonOptions);
            if (root is List list)
            {
                writer.WriteStartArray();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    WriteJson(writer, list.Items[i]);
                    if ((i + 1) % ItemsPerFlush == 0)
                    {
                        writer.Flush();
                        await body.FlushAsync(httpContext.RequestAborted);
                    }
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteJson(writer, root);
            }

            writer.Flush();
        }
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTime t: w.WriteStringValue(Timestamp(t)); break;
            case List list:
                w.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(w, item);
                }

                w.WriteEndArray();
                break;
            case Item item:
                w.WriteStartObject();
                foreach (var f in item.Fields)
                {
                    w.WritePropertyName(f.Name);
                    WriteJson(w, f.Value);
                }

                w.WriteEndObject();
                break;
            default: throw new ArgumentException("Unsupported Open311 value " + value.GetType());
        }
    }

    public static byte[] Xml(object root, string? rootName = null)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            w.WriteStartDocument();
            WriteXml(w, root, (root as List)?.Name ?? rootName ?? throw new ArgumentException("An object needs a root element name."));
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteXml(XmlWriter w, object? value, string name)
    {
        w.WriteStartElement(name);
        switch (value)
        {
            case null: break;
            case string s: w.WriteString(s); break;
            case bool b: w.WriteString(b ? "true" : "false"); break;
            case int i: w.WriteString(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d: w.WriteString(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case DateTime t: w.WriteString(Timestamp(t)); break;
            case List list:
                foreach (var item in list.Items)
                {
                    WriteXml(w, item, list.ItemName);
                }

                break;
            case Item item:
                foreach (var f in item.Fields)
                {
                    WriteXml(w, f.Value, f.Name);
                }

                break;
            default: throw new ArgumentException("Unsupported Open311 value " + value.GetType());
        }

        w.WriteEndElement();
    }

    /// <summary>W3C date-time in Japan time with its offset, as the spec's examples (2010-04-14T06:37:38-08:00).</summary>
    public static string Timestamp(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>An answer already encoded as UTF-8, with its status and length.</summary>
internal sealed class Utf8Answer(byte[] body, string contentType, int status) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
