using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportRowNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PhotoId",
                table: "Report",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicNote",
                table: "Report",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            // Reports made before these columns get their latest public note and first photo copied onto the row.
            migrationBuilder.Sql("""UPDATE "Report" SET "PublicNote" = (SELECT u."PublicNote" FROM "ReportUpdate" u WHERE u."ReportId" = "Report"."Id" AND u."PublicNote" IS NOT NULL ORDER BY u."At" DESC LIMIT 1), "PhotoId" = (SELECT p."Id" FROM "ReportPhoto" p WHERE p."ReportId" = "Report"."Id" ORDER BY p."CreatedAt", p."Id" LIMIT 1)""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhotoId",
                table: "Report");

            migrationBuilder.DropColumn(
                name: "PublicNote",
                table: "Report");
        }
    }
}
