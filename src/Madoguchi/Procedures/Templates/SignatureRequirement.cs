namespace Madoguchi.Procedures.Templates;

/// <summary>Whether a procedure asks for the resident's electronic signature (JPKI 署名用電子証明書) on the application.</summary>
public enum SignatureRequirement
{
    /// <summary>No signature is asked for.</summary>
    NotAsked,
    /// <summary>The resident may sign; the case shows it when they did.</summary>
    Optional,
    /// <summary>The application cannot be submitted without a valid signature over what is submitted (押印の代わり).</summary>
    Required,
}
