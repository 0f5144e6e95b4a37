using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Od6c : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "IndexedAt",
                table: "OpenDataUploads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OpenDataRowBlocks",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstRow = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataRowBlocks", x => new { x.UploadId, x.FirstRow });
                });

            // Tables read before this migration keep their rows: 16 consecutive rows per block
            // (ResourceRowBlock.Size at the time of writing), row numbers unchanged, so existing
            // column indexes stay right. The worker then completes the indexes (IndexedAt is null).
            migrationBuilder.Sql("""
                INSERT INTO "OpenDataRowBlocks" ("UploadId", "FirstRow", "TenantId", "RowCount", "Data")
                SELECT "UploadId", ("RowNumber" - 1) / 16 * 16 + 1, "TenantId", count(*), '[' || group_concat("Data", ',' ORDER BY "RowNumber") || ']'
                FROM "OpenDataRows" GROUP BY "UploadId", "TenantId", ("RowNumber" - 1) / 16;
                """);

            migrationBuilder.DropTable(
                name: "OpenDataRows");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IndexedAt",
                table: "OpenDataUploads");

            migrationBuilder.CreateTable(
                name: "OpenDataRows",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataRows", x => new { x.UploadId, x.RowNumber });
                });

            migrationBuilder.Sql("""
                INSERT INTO "OpenDataRows" ("UploadId", "RowNumber", "Data", "TenantId")
                SELECT b."UploadId", b."FirstRow" + r.key, r.value, b."TenantId" FROM "OpenDataRowBlocks" b, json_each(b."Data") r;
                """);

            migrationBuilder.DropTable(
                name: "OpenDataRowBlocks");
        }
    }
}
