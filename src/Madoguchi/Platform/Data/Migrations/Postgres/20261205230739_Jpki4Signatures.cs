using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Jpki4Signatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignatureRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    Certificate = table.Column<byte[]>(type: "bytea", nullable: true),
                    IssuerCertificate = table.Column<byte[]>(type: "bytea", nullable: true),
                    CertificateSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IssuerName = table.Column<byte[]>(type: "bytea", nullable: false),
                    SerialNumber = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CertificateNotAfter = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SignerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SignerAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SignerBirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SignerGender = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastFailureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignTransactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceTransactionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CodeVerifier = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignTransactions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignatureRecords_TenantId_ApplicationId_DocumentSha256_Cert~",
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
                name: "SignatureRecords");

            migrationBuilder.DropTable(
                name: "SignTransactions");
        }
    }
}
