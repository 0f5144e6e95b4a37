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
                name: "DisasterSafetyCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterSafetyCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterSafetyCampaigns_Tenants_TenantId",
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
                name: "DisasterShelters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKana = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    Hazards = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsEmergencyPlace = table.Column<bool>(type: "boolean", nullable: false),
                    IsShelter = table.Column<bool>(type: "boolean", nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    Occupancy = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StatusUpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterShelters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterShelters_Tenants_TenantId",
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
                name: "DisasterSafetyTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Area = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ShelterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AnswerMessage = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterSafetyTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterSafetyTargets_DisasterSafetyCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "DisasterSafetyCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisasterShelterChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    Occupancy = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterShelterChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterShelterChanges_DisasterShelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "DisasterShelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "DisasterFollowUpCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisasterFollowUpCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisasterFollowUpCalls_DisasterSafetyTargets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "DisasterSafetyTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterAreas_TenantId_Name",
                table: "DisasterAreas",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterFollowUpCalls_TargetId",
                table: "DisasterFollowUpCalls",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterFollowUpCalls_TenantId_TargetId",
                table: "DisasterFollowUpCalls",
                columns: new[] { "TenantId", "TargetId" });

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
                name: "IX_DisasterSafetyCampaigns_TenantId_CreatedAt",
                table: "DisasterSafetyCampaigns",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSafetyTargets_CampaignId",
                table: "DisasterSafetyTargets",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSafetyTargets_TenantId_CampaignId_Email",
                table: "DisasterSafetyTargets",
                columns: new[] { "TenantId", "CampaignId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisasterSafetyTargets_TokenHash",
                table: "DisasterSafetyTargets",
                column: "TokenHash",
                unique: true);

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
                name: "IX_DisasterShelterChanges_ShelterId",
                table: "DisasterShelterChanges",
                column: "ShelterId");

            migrationBuilder.CreateIndex(
                name: "IX_DisasterShelterChanges_TenantId_At",
                table: "DisasterShelterChanges",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DisasterShelters_TenantId_Code",
                table: "DisasterShelters",
                columns: new[] { "TenantId", "Code" },
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
                name: "DisasterFollowUpCalls");

            migrationBuilder.DropTable(
                name: "DisasterNoticeAreas");

            migrationBuilder.DropTable(
                name: "DisasterNoticeDeliveries");

            migrationBuilder.DropTable(
                name: "DisasterSettings");

            migrationBuilder.DropTable(
                name: "DisasterShelterChanges");

            migrationBuilder.DropTable(
                name: "DisasterSubscriberAreas");

            migrationBuilder.DropTable(
                name: "DisasterSafetyTargets");

            migrationBuilder.DropTable(
                name: "DisasterNotices");

            migrationBuilder.DropTable(
                name: "DisasterShelters");

            migrationBuilder.DropTable(
                name: "DisasterAreas");

            migrationBuilder.DropTable(
                name: "DisasterSubscribers");

            migrationBuilder.DropTable(
                name: "DisasterSafetyCampaigns");
        }
    }
}
