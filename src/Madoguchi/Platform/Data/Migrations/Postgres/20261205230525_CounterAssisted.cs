using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdentifiedBy = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeskId = table.Column<Guid>(type: "uuid", nullable: false),
                    SealedData = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TakenBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ConfirmedVersion = table.Column<int>(type: "integer", nullable: true),
                    ReceiptNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
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
