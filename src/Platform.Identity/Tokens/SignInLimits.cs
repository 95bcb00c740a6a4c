using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

/// <summary>
/// Password guessing, slowed down on the endpoints that check a password: a fixed window per client address
/// (spraying many accounts from one place) and one per account (one account from many places; the lockout after
/// five wrong passwords stops it too, this keeps it from being kept locked for ever at full speed). Wrong passwords
/// per account and address are counted apart (<see cref="SignInFailures"/>, checked by <see cref="PasswordSignIn"/>):
/// they make that address wait before it could lock the account. A refused attempt on a known account is written to
/// its security journal, once a minute at most.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services) => services.AddSingleton<SignInFailures>().AddRateLimiter(o =>
    {
        // The policy marks the endpoints; the windows are global limiters that only count those endpoints.
        o.AddPolicy(Policy, _ => RateLimitPartition.GetNoLimiter(""));
        o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                ? Window("address:" + http.Connection.RemoteIpAddress, Options(http).SignInPerMinute)
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http) && LoginOf(http) is { } login
                ? Window("account:" + login.ToLowerInvariant(), Options(http).SignInPerAccountPerMinute)
                : RateLimitPartition.GetNoLimiter("")));
        o.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            var login = LoginOf(http);
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInLimits))
                .LogWarning("Sign-in attempts throttled for {RemoteAddress} on {Path} (login {Login})", http.Connection.RemoteIpAddress?.ToString(), http.Request.Path.Value, login);
            if (login is not null) await JournalAsync(http, login, ct);
            await TooMany(http, TimeSpan.FromMinutes(1), "Слишком много попыток входа. Подождите минуту и попробуйте снова.").ExecuteAsync(http);
        };
    });

    /// <summary>The answer to a password attempt that has to wait: 429, Retry-After, the reason in Russian.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait, string detail)
    {
        RetryAfter(http, wait);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Слишком много попыток");
    }

    public static void RetryAfter(HttpContext http, TimeSpan wait) =>
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>«Повторите через N мин.»: whole minutes, rounded up.</summary>
    public static string RetryIn(TimeSpan wait) => $"Повторите через {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} мин.";

    private static bool IsSignIn(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy;

    private static AuthOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;

    private static RateLimitPartition<string> Window(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
        new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    /// <summary>The login being tried: the token request's <c>username</c>, or the sign-in page's <c>login</c> field.</summary>
    private static string? LoginOf(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return null;
        var form = http.Request.Form; // the limiter runs before the endpoint: this reads the (small) form first
        var login = form["username"].ToString() is { Length: > 0 } username ? username : form["login"].ToString();
        return string.IsNullOrWhiteSpace(login) ? null : login.Trim();
    }

    private static async Task JournalAsync(HttpContext http, string login, CancellationToken ct)
    {
        if (!http.RequestServices.GetRequiredService<SignInFailures>().ShouldJournal(login)) return;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = await http.RequestServices.GetRequiredService<UserManager<PlatformUser>>().FindByNameAsync(login);
        if (user is null) return;
        await using var session = http.RequestServices.GetRequiredService<DocumentStore>().LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        session.UserName = user.UserName;
        session.ForTenant(user.TenantId).Append(user.Id, new SignInThrottled(user.Id, http.Connection.RemoteIpAddress?.ToString(), now));
        await session.SaveChangesAsync(ct);
    }
}
