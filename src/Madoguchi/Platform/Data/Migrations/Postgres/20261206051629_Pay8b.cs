using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Pay8b : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FeePaidAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PaymentDueAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_PaymentDue",
                table: "Applications",
                column: "PaymentDueAt",
                filter: "\"Status\" = 'Approved' AND \"FeePaidAt\" IS NULL AND \"PaymentDueAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_PaymentDue",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "FeePaidAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PaymentDueAt",
                table: "Applications");
        }
    }
}
