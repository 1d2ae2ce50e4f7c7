using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
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
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: true),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    device_info = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    photo_storage_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    photo_file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    completed = table.Column<bool>(type: "boolean", nullable: false),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: true),
                    liveness_score = table.Column<double>(type: "double precision", nullable: true),
                    liveness_passed = table.Column<bool>(type: "boolean", nullable: true),
                    error = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    quality_issues = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_biometric_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "face_searches",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    duplicate_found = table.Column<bool>(type: "boolean", nullable: false),
                    highest_similarity = table.Column<double>(type: "double precision", nullable: true),
                    matches = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_face_searches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "face_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sealed_embedding = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    enrolled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
