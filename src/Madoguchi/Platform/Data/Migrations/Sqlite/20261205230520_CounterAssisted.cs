using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CounterAssisted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CounterDesks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterDesks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterDesks_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterDesks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CounterVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdentifiedBy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    StartedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CounterCardReads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SealedData = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TakenBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterCardReads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterCardReads_CounterDesks_DeskId",
                        column: x => x.DeskId,
                        principalTable: "CounterDesks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CounterVisitProcedures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfirmedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterVisitProcedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterVisitProcedures_CounterVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "CounterVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CounterCardReads_DeskId",
                table: "CounterCardReads",
                column: "DeskId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterCardReads_TenantId_DeskId_ReadAt",
                table: "CounterCardReads",
                columns: new[] { "TenantId", "DeskId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterDesks_DepartmentId",
                table: "CounterDesks",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterDesks_KeyHash",
                table: "CounterDesks",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterDesks_TenantId_DepartmentId_Name",
                table: "CounterDesks",
                columns: new[] { "TenantId", "DepartmentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisitProcedures_TenantId_ApplicationId",
                table: "CounterVisitProcedures",
                columns: new[] { "TenantId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisitProcedures_TenantId_VisitId_ProcedureId",
                table: "CounterVisitProcedures",
                columns: new[] { "TenantId", "VisitId", "ProcedureId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisitProcedures_VisitId",
                table: "CounterVisitProcedures",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_DepartmentId",
                table: "CounterVisits",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_TenantId_DepartmentId_StartedAt",
                table: "CounterVisits",
                columns: new[] { "TenantId", "DepartmentId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CounterCardReads");

            migrationBuilder.DropTable(
                name: "CounterVisitProcedures");

            migrationBuilder.DropTable(
                name: "CounterDesks");

            migrationBuilder.DropTable(
                name: "CounterVisits");
        }
    }
}
