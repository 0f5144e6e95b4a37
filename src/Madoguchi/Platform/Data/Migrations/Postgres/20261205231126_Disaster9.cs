using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Disaster9 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisasterAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterAreas_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisasterNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BodyJapanese = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    BodyEasyJapanese = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    BodyEnglish = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ComposedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ComposedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Queued = table.Column<int>(type: "integer", nullable: false),
                    LinkBase = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterNotices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisasterSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequireApproval = table.Column<bool>(type: "boolean", nullable: false),
                    DisasterMode = table.Column<bool>(type: "boolean", nullable: false),
                    DisasterModeSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterSettings_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisasterSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisasterSubscribers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ByEmail = table.Column<bool>(type: "boolean", nullable: false),
                    WebhookUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WebhookSecret = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterSubscribers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterSubscribers_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisasterNoticeAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterNoticeAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterNoticeAreas_DisasterAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "DisasterAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisasterNoticeAreas_DisasterNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "DisasterNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisasterNoticeDeliveries",
                columns: table => new
                {
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterNoticeDeliveries", x => new { x.NoticeId, x.SubscriberId, x.Channel });
                    table.ForeignKey(
                        name: "FK_DisasterNoticeDeliveries_DisasterNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "DisasterNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DisasterNoticeDeliveries_DisasterSubscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "DisasterSubscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisasterSubscriberAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriberId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterSubscriberAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterSubscriberAreas_DisasterAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "DisasterAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisasterSubscriberAreas_DisasterSubscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "DisasterSubscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterAreas_TenantId_Name",
                table: "DisasterAreas",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeAreas_AreaId",
                table: "DisasterNoticeAreas",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeAreas_NoticeId",
                table: "DisasterNoticeAreas",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeAreas_TenantId_NoticeId_AreaId",
                table: "DisasterNoticeAreas",
                columns: new[] { "TenantId", "NoticeId", "AreaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeDeliveries_ClaimToken",
                table: "DisasterNoticeDeliveries",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeDeliveries_Status_NextAttemptAt",
                table: "DisasterNoticeDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeDeliveries_SubscriberId",
                table: "DisasterNoticeDeliveries",
                column: "SubscriberId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNoticeDeliveries_TenantId_SubscriberId",
                table: "DisasterNoticeDeliveries",
                columns: new[] { "TenantId", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterNotices_TenantId_CreatedAt",
                table: "DisasterNotices",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSettings_DepartmentId",
                table: "DisasterSettings",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSettings_TenantId",
                table: "DisasterSettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscriberAreas_AreaId",
                table: "DisasterSubscriberAreas",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscriberAreas_SubscriberId",
                table: "DisasterSubscriberAreas",
                column: "SubscriberId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscriberAreas_TenantId_AreaId",
                table: "DisasterSubscriberAreas",
                columns: new[] { "TenantId", "AreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscriberAreas_TenantId_SubscriberId_AreaId",
                table: "DisasterSubscriberAreas",
                columns: new[] { "TenantId", "SubscriberId", "AreaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscribers_TenantId_Email",
                table: "DisasterSubscribers",
                columns: new[] { "TenantId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSubscribers_TenantId_TokenHash",
                table: "DisasterSubscribers",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisasterNoticeAreas");

            migrationBuilder.DropTable(
                name: "DisasterNoticeDeliveries");

            migrationBuilder.DropTable(
                name: "DisasterSettings");

            migrationBuilder.DropTable(
                name: "DisasterSubscriberAreas");

            migrationBuilder.DropTable(
                name: "DisasterNotices");

            migrationBuilder.DropTable(
                name: "DisasterAreas");

            migrationBuilder.DropTable(
                name: "DisasterSubscribers");
        }
    }
}
