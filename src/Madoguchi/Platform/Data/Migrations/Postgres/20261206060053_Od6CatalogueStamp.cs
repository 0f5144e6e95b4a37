using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Od6CatalogueStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OpenDataCells_OpenDataUploads_UploadId",
                table: "OpenDataCells");

            migrationBuilder.DropForeignKey(
                name: "FK_OpenDataRows_OpenDataUploads_UploadId",
                table: "OpenDataRows");

            migrationBuilder.CreateTable(
                name: "OpenDataCatalogueChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataCatalogueChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDataCatalogueChanges_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataCatalogueChanges_TenantId",
                table: "OpenDataCatalogueChanges",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpenDataCatalogueChanges");

            migrationBuilder.AddForeignKey(
                name: "FK_OpenDataCells_OpenDataUploads_UploadId",
                table: "OpenDataCells",
                column: "UploadId",
                principalTable: "OpenDataUploads",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_OpenDataRows_OpenDataUploads_UploadId",
                table: "OpenDataRows",
                column: "UploadId",
                principalTable: "OpenDataUploads",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
