using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    aml_threshold = table.Column<decimal>(type: "TEXT", precision: 3, scale: 2, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    response_body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.account_id, x.live_mode, x.key });
                });

            migrationBuilder.CreateTable(
                name: "outbox_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "session_daily_counts",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    shard = table.Column<short>(type: "INTEGER", nullable: false, defaultValue: (short)0),
                    sessions = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_daily_counts", x => new { x.account_id, x.live_mode, x.status, x.day, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "session_totals",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    shard = table.Column<short>(type: "INTEGER", nullable: false, defaultValue: (short)0),
                    sessions = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_totals", x => new { x.account_id, x.live_mode, x.status, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    review_reasons = table.Column<string>(type: "TEXT", nullable: false),
                    risk_score = table.Column<int>(type: "INTEGER", nullable: true),
                    risk_level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    reference_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    profile_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    steps = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    settings = table.Column<string>(type: "TEXT", nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    redirect_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    webhook_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    monitoring_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    results = table.Column<string>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    session_token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    consent_given_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    redacted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    applicant_date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    applicant_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    applicant_first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    applicant_last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    applicant_nationality = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rate_limit_per_minute = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    settings = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profiles", x => x.id);
                    table.ForeignKey(
                        name: "fk_profiles_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_name",
                table: "accounts",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_account_id",
                table: "api_keys",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_event_id",
                table: "outbox_events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_session_id",
                table: "outbox_events",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_account_id",
                table: "profiles",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_sessions_account_id_live_mode_created_at_id",
                table: "sessions",
                columns: new[] { "account_id", "live_mode", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_account_id_live_mode_reference_id",
                table: "sessions",
                columns: new[] { "account_id", "live_mode", "reference_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_account_id_live_mode_status_created_at_id",
                table: "sessions",
                columns: new[] { "account_id", "live_mode", "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_account_id_live_mode_status_expires_at",
                table: "sessions",
                columns: new[] { "account_id", "live_mode", "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_session_token",
                table: "sessions",
                column: "session_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_status_expires_at",
                table: "sessions",
                columns: new[] { "status", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "outbox_events");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "session_daily_counts");

            migrationBuilder.DropTable(
                name: "session_totals");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
