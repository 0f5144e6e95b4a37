using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Madoguchi.Platform.Data.Migrations.Sqlite
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
                name: "SignatureRecords");

            migrationBuilder.DropTable(
                name: "SignTransactions");
        }
    }
}
