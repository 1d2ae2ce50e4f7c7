using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DocumentsAndChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "document",
                table: "sessions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk",
                table: "sessions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "selfie",
                table: "sessions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "check_jobs",
                columns: table => new
                {
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    run_after = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_jobs", x => x.session_id);
                });

            migrationBuilder.CreateTable(
                name: "media_blobs",
                columns: table => new
                {
                    storage_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_blobs", x => x.storage_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_check_jobs_run_after",
                table: "check_jobs",
                column: "run_after");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_jobs");

            migrationBuilder.DropTable(
                name: "media_blobs");

            migrationBuilder.DropColumn(
                name: "document",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "risk",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "selfie",
                table: "sessions");
        }
    }
}
