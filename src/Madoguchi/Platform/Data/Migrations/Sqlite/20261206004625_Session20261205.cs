using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session20261205 : Migration
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
                name: "DisasterAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BodyJapanese = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    BodyEasyJapanese = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    BodyEnglish = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ComposedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComposedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Queued = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkBase = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequireApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisasterMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisasterModeSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKana = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Hazards = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsEmergencyPlace = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsShelter = table.Column<bool>(type: "INTEGER", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    Occupancy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StatusUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ByEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WebhookSecret = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "OpenDatasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdateFrequency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SpatialCoverage = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TemporalFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TemporalTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    StandardCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 25000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDatasets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDatasets_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpenDatasets_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OpenDataSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequireReview = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataSettings", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_OpenDataSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignatureRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Certificate = table.Column<byte[]>(type: "BLOB", nullable: true),
                    IssuerCertificate = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CertificateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IssuerName = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CertificateNotAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignerAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SignerBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignerGender = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastFailureCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignTransactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceTransactionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeVerifier = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignTransactions", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "DisasterNoticeAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ShelterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnswerMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShelterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    Occupancy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    NoticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "OpenDatasetResources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LinkUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LatestUploadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishedUploadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Downloads = table.Column<long>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDatasetResources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDatasetResources_OpenDatasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "OpenDatasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenDatasetTags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDatasetTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDatasetTags_OpenDatasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "OpenDatasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisasterFollowUpCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "OpenDataUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProcessedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ColumnsJson = table.Column<string>(type: "TEXT", nullable: true),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: true),
                    PreviousRowCount = table.Column<int>(type: "INTEGER", nullable: true),
                    ErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataUploads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDataUploads_OpenDatasetResources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "OpenDatasetResources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenDataRows",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataRows", x => new { x.UploadId, x.RowNumber });
                    table.ForeignKey(
                        name: "FK_OpenDataRows_OpenDataUploads_UploadId",
                        column: x => x.UploadId,
                        principalTable: "OpenDataUploads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report",
                columns: new[] { "TenantId", "Latitude", "Longitude", "CreatedAt", "Status" });

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

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasetResources_DatasetId",
                table: "OpenDatasetResources",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasetResources_TenantId_DatasetId_SortOrder",
                table: "OpenDatasetResources",
                columns: new[] { "TenantId", "DatasetId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasets_DepartmentId",
                table: "OpenDatasets",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasets_TenantId_DepartmentId",
                table: "OpenDatasets",
                columns: new[] { "TenantId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasets_TenantId_Name",
                table: "OpenDatasets",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasetTags_DatasetId_Name",
                table: "OpenDatasetTags",
                columns: new[] { "DatasetId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenDatasetTags_TenantId_Name",
                table: "OpenDatasetTags",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataUploads_ResourceId_Number",
                table: "OpenDataUploads",
                columns: new[] { "ResourceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataUploads_State_CreatedAt",
                table: "OpenDataUploads",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignatureRecords_TenantId_ApplicationId_DocumentSha256_CertificateSha256_SignedAt",
                table: "SignatureRecords",
                columns: new[] { "TenantId", "ApplicationId", "DocumentSha256", "CertificateSha256", "SignedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignatureRecords_TenantId_ApplicationId_SignedAt",
                table: "SignatureRecords",
                columns: new[] { "TenantId", "ApplicationId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignTransactions_ServiceTransactionId",
                table: "SignTransactions",
                column: "ServiceTransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignTransactions_State",
                table: "SignTransactions",
                column: "State",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignTransactions_TenantId_ApplicationId",
                table: "SignTransactions",
                columns: new[] { "TenantId", "ApplicationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CounterCardReads");

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
                name: "CounterVisitProcedures");

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
                name: "OpenDataRows");

            migrationBuilder.DropTable(
                name: "OpenDatasetTags");

            migrationBuilder.DropTable(
                name: "OpenDataSettings");

            migrationBuilder.DropTable(
                name: "SignatureRecords");

            migrationBuilder.DropTable(
                name: "SignTransactions");

            migrationBuilder.DropTable(
                name: "CounterDesks");

            migrationBuilder.DropTable(
                name: "CounterServices");

            migrationBuilder.DropTable(
                name: "CounterVisits");

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
                name: "OpenDataUploads");

            migrationBuilder.DropTable(
                name: "DisasterSafetyCampaigns");

            migrationBuilder.DropTable(
                name: "OpenDatasetResources");

            migrationBuilder.DropTable(
                name: "OpenDatasets");

            migrationBuilder.DropIndex(
                name: "IX_Report_TenantId_Latitude_Longitude_CreatedAt_Status",
                table: "Report");

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

            migrationBuilder.DropColumn(
                name: "Attachment",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "AttachmentType",
                table: "OutboxMails");

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
