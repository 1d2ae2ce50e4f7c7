using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransactionPairIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_transactions_account_id_live_mode_sender_account_receiver_a",
                table: "transactions",
                columns: new[] { "account_id", "live_mode", "sender_account", "receiver_account" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transactions_account_id_live_mode_sender_account_receiver_a",
                table: "transactions");
        }
    }
}
