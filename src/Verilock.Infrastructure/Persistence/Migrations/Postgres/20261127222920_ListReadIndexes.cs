using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_session_daily_counts_account_id_live_mode_day_sessions",
                table: "session_daily_counts",
                columns: new[] { "account_id", "live_mode", "day", "sessions" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_session_daily_counts_account_id_live_mode_day_sessions",
                table: "session_daily_counts");
        }
    }
}
