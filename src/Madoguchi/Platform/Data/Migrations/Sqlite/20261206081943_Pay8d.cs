using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pay8d : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckoutSessionId",
                table: "Payments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TenantId_CheckoutSessionId",
                table: "Payments",
                columns: new[] { "TenantId", "CheckoutSessionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_TenantId_CheckoutSessionId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CheckoutSessionId",
                table: "Payments");
        }
    }
}
