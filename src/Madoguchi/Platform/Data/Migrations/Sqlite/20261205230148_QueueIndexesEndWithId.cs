using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueIndexesEndWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_Queue",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByStatus",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueOverdue",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Queue",
                table: "Applications",
                columns: new[] { "TenantId", "SubmittedAt", "Status", "ProcedureId", "DueAt", "Id" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications",
                columns: new[] { "TenantId", "ProcedureId", "SubmittedAt", "Status", "Id" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByStatus",
                table: "Applications",
                columns: new[] { "TenantId", "Status", "SubmittedAt", "ProcedureId", "Id" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueOverdue",
                table: "Applications",
                columns: new[] { "TenantId", "SubmittedAt", "ProcedureId", "DueAt", "Id" },
                filter: "\"Status\" IN ('Submitted', 'UnderReview')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_Queue",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByStatus",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueOverdue",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Queue",
                table: "Applications",
                columns: new[] { "TenantId", "SubmittedAt", "Status", "ProcedureId", "DueAt" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications",
                columns: new[] { "TenantId", "ProcedureId", "SubmittedAt", "Status" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByStatus",
                table: "Applications",
                columns: new[] { "TenantId", "Status", "SubmittedAt", "ProcedureId" },
                filter: "\"Status\" <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueOverdue",
                table: "Applications",
                columns: new[] { "TenantId", "SubmittedAt", "ProcedureId", "DueAt" },
                filter: "\"Status\" IN ('Submitted', 'UnderReview')");
        }
    }
}
