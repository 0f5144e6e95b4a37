using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CounterBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Attachment",
                table: "OutboxMails",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentType",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CounterServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingDaysAhead = table.Column<int>(type: "INTEGER", nullable: false),
                    Reservable = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterServices_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterServices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CounterHours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterHours_CounterServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CounterServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CounterReservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderQueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterReservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterReservations_CounterServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CounterServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CounterSlotLoads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Booked = table.Column<int>(type: "INTEGER", nullable: false),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterSlotLoads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterSlotLoads_CounterServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CounterServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CounterTicketCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterTicketCounters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterTicketCounters_CounterServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CounterServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CounterTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Window = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CallCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CalledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ServedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReservationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterTickets_CounterServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CounterServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CounterHours_ServiceId",
                table: "CounterHours",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterHours_TenantId_ServiceId_Weekday",
                table: "CounterHours",
                columns: new[] { "TenantId", "ServiceId", "Weekday" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_ServiceId",
                table: "CounterReservations",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_Status_StartsAt",
                table: "CounterReservations",
                columns: new[] { "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_TenantId_Reference",
                table: "CounterReservations",
                columns: new[] { "TenantId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_TenantId_RequestKey",
                table: "CounterReservations",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_TenantId_ServiceId_StartsAt",
                table: "CounterReservations",
                columns: new[] { "TenantId", "ServiceId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterReservations_TokenHash",
                table: "CounterReservations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterServices_DepartmentId",
                table: "CounterServices",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterServices_TenantId_Code",
                table: "CounterServices",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterSlotLoads_ServiceId",
                table: "CounterSlotLoads",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterSlotLoads_TenantId_ServiceId_StartsAt",
                table: "CounterSlotLoads",
                columns: new[] { "TenantId", "ServiceId", "StartsAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterTicketCounters_ServiceId",
                table: "CounterTicketCounters",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterTicketCounters_TenantId_ServiceId_Day",
                table: "CounterTicketCounters",
                columns: new[] { "TenantId", "ServiceId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterTickets_ServiceId",
                table: "CounterTickets",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterTickets_TenantId_ReservationId",
                table: "CounterTickets",
                columns: new[] { "TenantId", "ReservationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterTickets_TenantId_ServiceId_Day_Number",
                table: "CounterTickets",
                columns: new[] { "TenantId", "ServiceId", "Day", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterTickets_Token",
                table: "CounterTickets",
                column: "Token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CounterHours");

            migrationBuilder.DropTable(
                name: "CounterReservations");

            migrationBuilder.DropTable(
                name: "CounterSlotLoads");

            migrationBuilder.DropTable(
                name: "CounterTicketCounters");

            migrationBuilder.DropTable(
                name: "CounterTickets");

            migrationBuilder.DropTable(
                name: "CounterServices");

            migrationBuilder.DropColumn(
                name: "Attachment",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "AttachmentType",
                table: "OutboxMails");
        }
    }
}
