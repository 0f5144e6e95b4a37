using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reports7 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report",
                columns: new[] { "TenantId", "Latitude", "Longitude", "CreatedAt", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report");
        }
    }
}
