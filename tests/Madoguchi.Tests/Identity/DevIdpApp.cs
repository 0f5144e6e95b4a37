using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Identity;

/// <summary>The host with the development provider enabled, on real HTTP: the relying party calls the provider over a socket.</summary>
public sealed class DevIdpApp : MadoguchiApp
{
    public DevIdpApp()
    {
        OnKestrel().With("Identity:DevProvider:Enabled", "true");
    }
}
