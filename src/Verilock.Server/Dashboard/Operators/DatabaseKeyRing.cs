using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Keeps the data-protection key ring in the database (<c>data_protection_keys</c>), so dashboard cookies survive
/// restarts and every instance sharing PostgreSQL signs and reads them with the same keys. The framework calls
/// this synchronously and rarely (start-up, a key's creation, a refresh about once a day); the XML arrives here
/// already sealed by <see cref="KeyRingEncryptor"/>.
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var xml = element.ToString(SaveOptions.DisableFormatting);
        // One plain INSERT: the context's SaveChanges is async-only, and a key row has no events or counters.
        db.Database.ExecuteSql($"INSERT INTO data_protection_keys (friendly_name, xml) VALUES ({friendlyName}, {xml})");
    }
}
