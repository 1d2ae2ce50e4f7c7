using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OperatorDisableAndSecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "disabled",
                table: "operators",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "operators",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Operators from before stamps get one each (32 hex characters, as new ones), so a stamp is never empty.
            migrationBuilder.Sql("UPDATE operators SET security_stamp = md5(random()::text || id::text);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "disabled",
                table: "operators");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "operators");
        }
    }
}
