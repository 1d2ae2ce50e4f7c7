using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonitoringSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing screenings and sessions keep being monitored daily, the default (spec §16).
            migrationBuilder.DropIndex(
                name: "ix_aml_screenings_account_id_live_mode_session_id",
                table: "aml_screenings");

            migrationBuilder.DropIndex(
                name: "ix_aml_screenings_monitoring_enabled_status_id",
                table: "aml_screenings");

            migrationBuilder.AddColumn<string>(
                name: "monitoring_frequency",
                table: "sessions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "daily");

            migrationBuilder.AddColumn<string>(
                name: "monitoring_frequency",
                table: "aml_screenings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "daily");

            migrationBuilder.AddColumn<string>(
                name: "screenings_after",
                table: "aml_monitoring_claims",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sessions_after",
                table: "aml_monitoring_claims",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_status_id",
                table: "sessions",
                columns: new[] { "status", "id" },
                filter: "monitoring_enabled");

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_session_id_created_at",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "session_id", "created_at" },
                filter: "session_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_status_id",
                table: "aml_screenings",
                columns: new[] { "status", "id" },
                filter: "monitoring_enabled");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sessions_status_id",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "ix_aml_screenings_account_id_live_mode_session_id_created_at",
                table: "aml_screenings");

            migrationBuilder.DropIndex(
                name: "ix_aml_screenings_status_id",
                table: "aml_screenings");

            migrationBuilder.DropColumn(
                name: "monitoring_frequency",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "monitoring_frequency",
                table: "aml_screenings");

            migrationBuilder.DropColumn(
                name: "screenings_after",
                table: "aml_monitoring_claims");

            migrationBuilder.DropColumn(
                name: "sessions_after",
                table: "aml_monitoring_claims");

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_account_id_live_mode_session_id",
                table: "aml_screenings",
                columns: new[] { "account_id", "live_mode", "session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_aml_screenings_monitoring_enabled_status_id",
                table: "aml_screenings",
                columns: new[] { "monitoring_enabled", "status", "id" });
        }
    }
}
