using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// The value index of one column of a published table: one entry per row, keyed by (upload,
/// column, value, row number), so an equality filter of datastore_search or the preview is an
/// index seek instead of a scan of the row JSON. Values longer than <see cref="KeyLength"/>
/// characters are indexed by their beginning; the exact comparison happens on the row.
/// Built from the rows in SQL (<see cref="Public.ColumnIndex"/>); a published table never changes,
/// so an index once built stays right.
/// </summary>
[NotAudited]
public sealed class TableCell : ITenantOwned
{
    public const int KeyLength = 100;

    public Guid TenantId { get; set; }
    public Guid UploadId { get; set; }
    public int Column { get; set; }
    public required string Value { get; set; }
    public int RowNumber { get; set; }

    /// <summary>The indexed form of a value: its first <see cref="KeyLength"/> characters (code points, as SQLite substr and PostgreSQL left count).</summary>
    public static string Key(string value)
    {
        if (value.Length <= KeyLength)
        {
            return value;
        }

        var key = new System.Text.StringBuilder(KeyLength + 8);
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (count++ == KeyLength)
            {
                break;
            }

            key.Append(rune.ToString());
        }

        return key.ToString();
    }
}

/// <summary>Which columns of which upload have a complete <see cref="TableCell"/> index (ReadyAt set), or are being indexed.</summary>
[NotAudited]
public sealed class TableColumnIndex : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UploadId { get; set; }
    public int Column { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? ReadyAt { get; set; }
}

internal sealed class TableCellConfiguration : IEntityTypeConfiguration<TableCell>
{
    public void Configure(EntityTypeBuilder<TableCell> b)
    {
        b.ToTable("OpenDataCells");
        b.HasKey(c => new { c.UploadId, c.Column, c.Value, c.RowNumber });
        b.Property(c => c.Value).HasMaxLength(TableCell.KeyLength);
        // No foreign key, as for the rows (ResourceRowConfiguration): one entry per row of a
        // million-row table, each key check costing more than the entry itself.
    }
}

internal sealed class TableColumnIndexConfiguration : IEntityTypeConfiguration<TableColumnIndex>
{
    public void Configure(EntityTypeBuilder<TableColumnIndex> b)
    {
        b.ToTable("OpenDataColumnIndexes");
        b.HasKey(c => new { c.UploadId, c.Column });
        b.HasOne<ResourceUpload>().WithMany().HasForeignKey(c => c.UploadId).OnDelete(DeleteBehavior.Cascade);
    }
}
