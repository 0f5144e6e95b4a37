using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// URI-reference resolution (RFC 3986) as JSON Schema identifiers need it. System.Uri cannot
/// resolve a fragment against a URN base, and schemas use URNs, so fragments are handled here.
/// </summary>
internal static partial class UriReferences
{
    /// <summary>Resolves <paramref name="reference"/> against an absolute base without fragment.</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var (path, fragment) = Split(reference);
        string resource;
        if (path.Length == 0)
        {
            resource = baseUri;
        }
        else if (SchemePrefix().IsMatch(path))
        {
            resource = Normalize(path);
        }
        else if (Uri.TryCreate(baseUri, UriKind.Absolute, out var absoluteBase)
            && Uri.TryCreate(absoluteBase, path, out var combined))
        {
            resource = Normalize(combined.AbsoluteUri);
        }
        else
        {
            resource = path;
        }
        return fragment is null ? resource : resource + "#" + fragment;
    }

    /// <summary>Splits a URI into the part before <c>#</c> and the fragment (null when there is no <c>#</c>).</summary>
    public static (string Resource, string? Fragment) Split(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, null) : (uri[..hash], uri[(hash + 1)..]);
    }

    private static string Normalize(string absolute)
    {
        var (resource, _) = Split(absolute);
        return Uri.TryCreate(resource, UriKind.Absolute, out var uri) ? Split(uri.AbsoluteUri).Resource : resource;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
