using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
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
                    list_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    claimed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    screened = table.Column<int>(type: "INTEGER", nullable: false),
                    new_matches = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_claims", x => x.list_key);
                });

            migrationBuilder.CreateTable(
                name: "aml_screenings",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reference_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    lists = table.Column<string>(type: "TEXT", nullable: false),
                    threshold = table.Column<double>(type: "REAL", nullable: false),
                    highest_score = table.Column<double>(type: "REAL", nullable: false),
                    matches = table.Column<string>(type: "TEXT", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    monitoring_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_monitoring_run = table.Column<bool>(type: "INTEGER", nullable: false),
                    parent_screening_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    monitoring_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    screened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    query_date_of_birth = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    query_first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    query_full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    query_last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    query_nationality = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true)
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
