using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            // Reports made before the grid get their cell as GridCells.Of computes it.
            migrationBuilder.Sql("""UPDATE "Report" SET "Cell" = floor(("Latitude" + 90) / 0.005)::bigint * 100000 + floor(("Longitude" + 180) / 0.005)::bigint WHERE "Latitude" IS NOT NULL AND "Longitude" IS NOT NULL""");

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
