using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
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

            // SQLite has no INCLUDE columns, so the two list orderings become covering indexes by carrying the
            // list item's columns as trailing keys (same names, so the model still knows them). A page is then
            // read from the index alone instead of 15 table look-ups; SQLite has no index entry size limit.
            migrationBuilder.Sql("DROP INDEX ix_sessions_account_id_live_mode_created_at_id;");
            migrationBuilder.Sql(
                "CREATE INDEX ix_sessions_account_id_live_mode_created_at_id ON sessions " +
                "(account_id, live_mode, created_at, id, " + ListColumns + ");");
            migrationBuilder.Sql("DROP INDEX ix_sessions_account_id_live_mode_status_created_at_id;");
            migrationBuilder.Sql(
                "CREATE INDEX ix_sessions_account_id_live_mode_status_created_at_id ON sessions " +
                "(account_id, live_mode, status, created_at, id, " + ListColumns + ");");
        }

        private const string ListColumns =
            "status, reference_id, steps, applicant_first_name, applicant_last_name, applicant_email, completed_at";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_session_daily_counts_account_id_live_mode_day_sessions",
                table: "session_daily_counts");

            migrationBuilder.Sql("DROP INDEX ix_sessions_account_id_live_mode_created_at_id;");
            migrationBuilder.Sql(
                "CREATE INDEX ix_sessions_account_id_live_mode_created_at_id ON sessions (account_id, live_mode, created_at, id);");
            migrationBuilder.Sql("DROP INDEX ix_sessions_account_id_live_mode_status_created_at_id;");
            migrationBuilder.Sql(
                "CREATE INDEX ix_sessions_account_id_live_mode_status_created_at_id ON sessions (account_id, live_mode, status, created_at, id);");
        }
    }
}
