using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Verilock.Domain.Operators;
using Verilock.Server.Dashboard.Localization;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Hosting;
using Verilock.Server.Limits;

namespace Verilock.Server.Dashboard;

/// <summary>
/// The operator dashboard: server-rendered Razor Pages under <c>/dashboard</c>, with their own cookie scheme,
/// HTML error pages and security headers. The API's pipeline, errors and fallback are untouched.
/// </summary>
public static class DashboardRegistration
{
    /// <summary>The key ring's cipher alone; <c>keys rotate-master</c> uses it without the rest of the dashboard.</summary>
    public static IServiceCollection AddKeyRingCipher(this IServiceCollection services) =>
        services.AddSingleton(sp => new KeyRingCipher(
            sp.GetRequiredService<IOptions<DashboardOptions>>().Value.KeyRingKey, sp.GetRequiredService<IOptions<VerilockOptions>>().Value.DataDir));

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOperators();
        services.AddKeyRingCipher();
        // Keys in the database: cookies survive restarts and every instance sharing PostgreSQL reads the same ring.
        services.AddDataProtection().SetApplicationName("Verilock");
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyRingCipher, IServiceScopeFactory>((keys, cipher, scopes) =>
            {
                keys.XmlRepository = new DatabaseKeyRing(scopes);
                keys.XmlEncryptor = new KeyRingEncryptor(cipher);
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "verilock_antiforgery";
            antiforgery.Cookie.Path = DashboardPaths.Root;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        services.AddOptions<AntiforgeryOptions>()
            .Configure<ServerBinding>((antiforgery, binding) => antiforgery.Cookie.SecurePolicy = binding.CookiePolicy);
        services.AddHttpContextAccessor();
        services.AddScoped<DashboardTexts>();
        services.AddScoped<AuditLog>();
        services.AddScoped<OperatorSignIn>();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.AuthorizeFolder("/", OperatorAuthentication.Policy);
            pages.Conventions.AllowAnonymousToPage("/Login");
            pages.Conventions.AddPageApplicationModelConvention("/Login",
                page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInAttempts.PolicyName)));
            pages.Conventions.AllowAnonymousToPage("/Status");
            pages.Conventions.AllowAnonymousToPage("/Preferences/Language");
        });
        return services;
    }

    /// <summary>What creating operators needs; the command line uses it without the web parts.</summary>
    public static IServiceCollection AddOperators(this IServiceCollection services)
    {
        services.TryAddSingleton<PasswordHasher<Operator>>(); // Try: a test may supply its own, to count verifications
        services.AddScoped<OperatorAdministration>();
        return services;
    }

    /// <summary>Dashboard-only middleware, in a branch so API responses keep their JSON errors and headers.</summary>
    public static void UseDashboard(this WebApplication app)
    {
        app.UseWhen(DashboardPaths.IsDashboard, dashboard =>
        {
            dashboard.Use(SecurityHeaders.AddAsync);
            dashboard.Use(DashboardHttpsOnly.RefusePlainHttpAsync);
            dashboard.UseExceptionHandler($"{DashboardPaths.Root}/status/500");
            dashboard.UseStatusCodePagesWithReExecute($"{DashboardPaths.Root}/status/{{0}}");
            dashboard.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = DashboardPaths.Assets,
                FileProvider = new EmbeddedFileProvider(typeof(DashboardRegistration).Assembly, "Verilock.Server.Dashboard.Assets"),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        });
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet($"{DashboardPaths.Sessions}/{{id}}/media/{{kind}}", SessionMedia.Handle)
            .RequireAuthorization(OperatorAuthentication.Policy)
            .ExcludeFromDescription();
        app.MapGet(DashboardPaths.Root, () => Results.Redirect(DashboardPaths.Sessions)).ExcludeFromDescription();
        // Unknown dashboard URLs get the dashboard's HTML 404 page (status code pages), not the API's JSON body.
        app.MapFallback($"{DashboardPaths.Root}/{{**path}}", () => Results.NotFound()).ExcludeFromDescription();
    }
}
