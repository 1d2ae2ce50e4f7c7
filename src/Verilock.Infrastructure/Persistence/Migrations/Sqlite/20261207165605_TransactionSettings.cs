using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
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
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    overrides = table.Column<string>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
