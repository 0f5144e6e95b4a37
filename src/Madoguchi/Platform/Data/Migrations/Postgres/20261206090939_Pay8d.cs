using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnOwnAccount",
                table: "Payments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PaymentProviderAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SecretKeySealed = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SecretKeyLast4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    WebhookSecretSealed = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    WebhookSecretLast4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentProviderAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentProviderAccounts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TenantId_CheckoutSessionId",
                table: "Payments",
                columns: new[] { "TenantId", "CheckoutSessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentProviderAccounts_TenantId",
                table: "PaymentProviderAccounts",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentProviderAccounts");

            migrationBuilder.DropIndex(
                name: "IX_Payments_TenantId_CheckoutSessionId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CheckoutSessionId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "OnOwnAccount",
                table: "Payments");
        }
    }
}
