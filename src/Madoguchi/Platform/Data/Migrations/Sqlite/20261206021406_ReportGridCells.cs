using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportGridCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report");

            migrationBuilder.AddColumn<long>(
                name: "Cell",
                table: "Report",
                type: "INTEGER",
                nullable: true);

            // Reports made before the grid get their cell as GridCells.Of computes it (latitude + 90 and longitude + 180 are never negative, so the cast's truncation is the floor).
            migrationBuilder.Sql("""UPDATE "Report" SET "Cell" = CAST(("Latitude" + 90) / 0.005 AS INTEGER) * 100000 + CAST(("Longitude" + 180) / 0.005 AS INTEGER) WHERE "Latitude" IS NOT NULL AND "Longitude" IS NOT NULL""");

            migrationBuilder.CreateIndex(
                name: "IX_Report_TenantId_Cell_CreatedAt_Status_Latitude_Longitude_Id",
                table: "Report",
                columns: new[] { "TenantId", "Cell", "CreatedAt", "Status", "Latitude", "Longitude", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Report_TenantId_Cell_CreatedAt_Status_Latitude_Longitude_Id",
                table: "Report");

            migrationBuilder.DropColumn(
                name: "Cell",
                table: "Report");

            migrationBuilder.CreateIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report",
                columns: new[] { "TenantId", "Latitude", "Longitude", "CreatedAt", "Status" });
        }
    }
}
