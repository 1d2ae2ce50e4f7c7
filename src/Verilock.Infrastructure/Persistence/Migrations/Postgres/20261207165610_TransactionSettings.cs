using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransactionSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transaction_settings",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    overrides = table.Column<string>(type: "text", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transaction_settings", x => new { x.account_id, x.live_mode });
                    table.ForeignKey(
                        name: "fk_transaction_settings_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "transaction_settings");
        }
    }
}
