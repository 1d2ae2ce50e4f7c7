using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Faces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "biometric_checks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    template_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    threshold = table.Column<double>(type: "REAL", nullable: false),
                    device_info = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    photo_storage_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    photo_file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    similarity = table.Column<double>(type: "REAL", nullable: true),
                    liveness_score = table.Column<double>(type: "REAL", nullable: true),
                    liveness_passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    quality_issues = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_biometric_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "face_searches",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    threshold = table.Column<double>(type: "REAL", nullable: false),
                    duplicate_found = table.Column<bool>(type: "INTEGER", nullable: false),
                    highest_similarity = table.Column<double>(type: "REAL", nullable: true),
                    matches = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_face_searches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "face_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sealed_embedding = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    enrolled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_face_templates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_biometric_checks_account_id_live_mode_session_id_created_at",
                table: "biometric_checks",
                columns: new[] { "account_id", "live_mode", "session_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_face_searches_account_id_live_mode_session_id_created_at",
                table: "face_searches",
                columns: new[] { "account_id", "live_mode", "session_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_face_templates_account_id_live_mode_session_id",
                table: "face_templates",
                columns: new[] { "account_id", "live_mode", "session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_face_templates_changed_at",
                table: "face_templates",
                column: "changed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "biometric_checks");

            migrationBuilder.DropTable(
                name: "face_searches");

            migrationBuilder.DropTable(
                name: "face_templates");
        }
    }
}
