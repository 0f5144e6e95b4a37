using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ckan6 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PendingChangesJson",
                table: "OpenDatasets",
                type: "character varying(30000)",
                maxLength: 30000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FetchClaimedUntil",
                table: "OpenDatasetResources",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FetchSchedule",
                table: "OpenDatasetResources",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "None"); // existing resources have no schedule

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFetchAt",
                table: "OpenDatasetResources",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastFetchMessage",
                table: "OpenDatasetResources",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LastFetchSucceeded",
                table: "OpenDatasetResources",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextFetchAt",
                table: "OpenDatasetResources",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublishWhenPassed",
                table: "OpenDatasetResources",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "OpenDatasetResources",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OpenDataApiTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDataApiTokens_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OpenDataApiTokens_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpenDataApiTokens_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasetResources_FetchSchedule_NextFetchAt",
                table: "OpenDatasetResources",
                columns: new[] { "FetchSchedule", "NextFetchAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataApiTokens_DepartmentId",
                table: "OpenDataApiTokens",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataApiTokens_StaffUserId",
                table: "OpenDataApiTokens",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataApiTokens_TenantId_StaffUserId",
                table: "OpenDataApiTokens",
                columns: new[] { "TenantId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataApiTokens_TokenHash",
                table: "OpenDataApiTokens",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpenDataApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_OpenDatasetResources_FetchSchedule_NextFetchAt",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "PendingChangesJson",
                table: "OpenDatasets");

            migrationBuilder.DropColumn(
                name: "FetchClaimedUntil",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "FetchSchedule",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "LastFetchAt",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "LastFetchMessage",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "LastFetchSucceeded",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "NextFetchAt",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "PublishWhenPassed",
                table: "OpenDatasetResources");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "OpenDatasetResources");
        }
    }
}
