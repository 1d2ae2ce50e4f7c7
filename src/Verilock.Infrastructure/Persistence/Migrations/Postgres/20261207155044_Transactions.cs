using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Transactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    reference_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    session_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<double>(type: "double precision", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    sender_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sender_account = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sender_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    receiver_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    receiver_account = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    receiver_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    metadata = table.Column<string>(type: "text", nullable: false),
                    risk_score = table.Column<int>(type: "integer", nullable: false),
                    risk_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recommendation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    flags = table.Column<string>(type: "text", nullable: false),
                    rules_triggered = table.Column<string>(type: "text", nullable: false),
                    counterparty_screening = table.Column<string>(type: "text", nullable: false),
                    timeline = table.Column<string>(type: "text", nullable: false),
                    decision = table.Column<string>(type: "text", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    screened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_created_at",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_reference_id",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "reference_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_sender_account_occurred_at",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "sender_account", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_session_id",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_status_created_at",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "transactions");
        }
    }
}
