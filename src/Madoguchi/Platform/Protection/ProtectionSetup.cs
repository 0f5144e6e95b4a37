namespace Madoguchi.Platform.Protection;

/// <summary>Encryption at rest: the master key file, the municipalities' data keys, field and file ciphers.</summary>
internal static class ProtectionSetup
{
    public static void AddProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MasterKeys>();
        builder.Services.AddSingleton<TenantKeyRing>();
        builder.Services.AddSingleton<FieldCipher>();
        builder.Services.AddSingleton<FileCipher>();
    }
}
