using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrchestrationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rule_log",
                table: "sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "orchestration_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    conditions = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    allow_override_decline = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orchestration_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_orchestration_rules_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orchestration_rules_account_id_live_mode_priority_created_at_id",
                table: "orchestration_rules",
                columns: new[] { "account_id", "live_mode", "priority", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orchestration_rules");

            migrationBuilder.DropColumn(
                name: "rule_log",
                table: "sessions");
        }
    }
}
