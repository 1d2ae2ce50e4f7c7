using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AmlScreenings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aml_monitoring_claims",
                columns: table => new
                {
                    list_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    screened = table.Column<int>(type: "integer", nullable: false),
                    new_matches = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_claims", x => x.list_key);
                });

            migrationBuilder.CreateTable(
                name: "aml_screenings",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    lists = table.Column<string>(type: "text", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    highest_score = table.Column<double>(type: "double precision", nullable: false),
                    matches = table.Column<string>(type: "text", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    monitoring_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    is_monitoring_run = table.Column<bool>(type: "boolean", nullable: false),
                    parent_screening_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    monitoring_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    screened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    query_date_of_birth = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    query_first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    query_full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    query_last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    query_nationality = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_screenings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_created_at_id",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_reference_id",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "reference_id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_session_id",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_status_created_at_id",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_monitoring_enabled_status_id",
                table: "aml_screenings",
                columns: new[] { "monitoring_enabled", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_parent_screening_id_created_at",
                table: "aml_screenings",
                columns: new[] { "parent_screening_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aml_monitoring_claims");

            migrationBuilder.DropTable(
                name: "aml_screenings");
        }
    }
}
