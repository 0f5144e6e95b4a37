using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Identity.DevProvider;

/// <summary>
/// OpenIddict's tables for the development provider only, in a private in-memory SQLite database,
/// so that the production schema (and its migrations) never carries identity-provider tables.
/// </summary>
internal sealed class DevIdpDb(DbContextOptions<DevIdpDb> options) : DbContext(options);
