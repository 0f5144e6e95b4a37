namespace Madoguchi.Platform.Operations;

/// <summary>What modules add to the security headers every response carries.</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// Origins besides this host that a form submission may end up on. Chromium checks CSP
    /// <c>form-action</c> on every redirect of a form's navigation, so a POST answered with a redirect
    /// to another site (a payment provider's 3-D Secure page) is blocked unless that origin is listed.
    /// </summary>
    public List<string> FormActionOrigins { get; } = [];
}
