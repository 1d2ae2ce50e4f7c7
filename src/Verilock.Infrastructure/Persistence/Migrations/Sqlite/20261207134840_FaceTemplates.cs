using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FaceTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "face_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    live_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sealed_embedding = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    enrolled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_face_templates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_face_templates_account_id_live_mode_session_id",
                table: "face_templates",
                columns: new[] { "account_id", "live_mode", "session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_face_templates_changed_at",
                table: "face_templates",
                column: "changed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "face_templates");
        }
    }
}
