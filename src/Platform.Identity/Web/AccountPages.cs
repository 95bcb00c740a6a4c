using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Domain;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Web;

/// <summary>
/// Server-rendered pages for signing in and out with the web UI's cookie and for accepting an
/// invitation link, in Russian, in the web UI's look. The cookie they set is the one the API
/// accepts without a bearer token. Every POST checks the antiforgery token itself, so a stale form is
/// shown again with a message instead of a bare 400.
/// </summary>
public static class AccountPages
{
    // The default encoder escapes all non-ASCII: Cyrillic names would become numeric entities.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private const string StaleForm = "Страница устарела (например, в другой вкладке выполнен вход или выход). Проверьте данные и отправьте форму ещё раз.";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription().WithMetadata(new UsesHomeDatabaseAttribute());
        pages.MapGet("/login", LoginForm);
        pages.MapPost("/login", Login).RequireRateLimiting(Tokens.SignInLimits.Policy);
        pages.MapGet("/logout", LogoutForm);
        pages.MapPost("/logout", Logout);
        pages.MapGet("/invite/{token}", InvitationForm);
        pages.MapPost("/invite/{token}", AcceptInvitation);
        return app;
    }

    private static ContentHttpResult LoginForm(string? returnUrl, HttpContext http, IAntiforgery antiforgery) =>
        LoginPage(http, antiforgery, login: null, returnUrl, error: null);

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> Login(
        HttpContext http, IAntiforgery antiforgery, PasswordSignIn signIn, IUserClaimsPrincipalFactory<PlatformUser> claims, CancellationToken ct)
    {
        var (form, valid) = await ReadFormAsync(http, antiforgery, ct);
        string? login = form["login"], returnUrl = form["returnUrl"];
        if (!valid) return LoginPage(http, antiforgery, login, returnUrl, StaleForm, StatusCodes.Status400BadRequest);

        var outcome = await signIn.SignInAsync(login, form["password"], "cookie", http, null, ct);
        if (outcome.Status == SignInStatus.Throttled)
        {
            SignInLimits.RetryAfter(http, outcome.Wait!.Value);
            return LoginPage(http, antiforgery, login, returnUrl, outcome.Message, StatusCodes.Status429TooManyRequests);
        }
        if (outcome.Status != SignInStatus.Succeeded) return LoginPage(http, antiforgery, login, returnUrl, outcome.Message);

        await http.SignInAsync(IdentityConstants.ApplicationScheme, await claims.CreateAsync(outcome.User!));
        return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static ContentHttpResult LogoutForm(HttpContext http, IAntiforgery antiforgery) => LogoutPage(http, antiforgery, error: null);

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> Logout(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        var (_, valid) = await ReadFormAsync(http, antiforgery, ct);
        if (!valid) return LogoutPage(http, antiforgery, StaleForm, StatusCodes.Status400BadRequest);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect("/account/login");
    }

    private static async Task<ContentHttpResult> InvitationForm(
        string token, HttpContext http, IAntiforgery antiforgery, DocumentStore store, TimeProvider time, IOptions<IdentityOptions> identity,
        CancellationToken ct) =>
        await InvitationEndpoints.FindOpenAsync(token, store, time, ct) is { } invitation
            ? InvitationPage(http, antiforgery, token, invitation, invitation.Email, invitation.FullName, identity.Value.Password, Errors.None)
            : InvitationNotUsable();

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> AcceptInvitation(
        string token, HttpContext http, IAntiforgery antiforgery, DocumentStore store, IdentityDb db, UserManager<PlatformUser> users,
        IUserClaimsPrincipalFactory<PlatformUser> claims, TimeProvider time, IOptions<IdentityOptions> identity, CancellationToken ct)
    {
        var (form, valid) = await ReadFormAsync(http, antiforgery, ct);
        string? userName = form["userName"], fullName = form["fullName"], password = form["password"], confirmation = form["passwordConfirmation"];

        async Task<ContentHttpResult> Again(Errors errors, int status = StatusCodes.Status200OK) =>
            await InvitationEndpoints.FindOpenAsync(token, store, time, ct) is { } invitation
                ? InvitationPage(http, antiforgery, token, invitation, userName, fullName, identity.Value.Password, errors, status)
                : InvitationNotUsable();

        if (!valid) return await Again(Errors.General(StaleForm), StatusCodes.Status400BadRequest);
        if (!string.IsNullOrEmpty(password) && password != confirmation)
            return await Again(new Errors(new Dictionary<string, string[]> { ["passwordConfirmation"] = ["Пароли не совпадают."] }));

        PlatformUser? user;
        try
        {
            user = await InvitationEndpoints.AcceptAsync(token, new AcceptInvitation(userName, password, fullName), store, db, users, time, http,
                (session, created) =>
                {
                    // The new account's first session starts here, not through PasswordSignIn: the audit trail records it the same way.
                    session.ForTenant(created.TenantId).Append(created.Id, new LoggedIn(created.Id, "invitation",
                        http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), time.GetUtcNow()));
                    return Task.CompletedTask;
                }, ct);
        }
        catch (DomainValidationException e) { return await Again(new Errors(e.Errors)); }
        catch (DomainRuleException e) { return await Again(Errors.General(e.Message)); }
        if (user is null) return InvitationNotUsable();

        await http.SignInAsync(IdentityConstants.ApplicationScheme, await claims.CreateAsync(user));
        return TypedResults.LocalRedirect("/");
    }

    // ---- pages ----

    private static ContentHttpResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? login, string? returnUrl, string? error,
        int status = StatusCodes.Status200OK)
    {
        var signedIn = Caller.FromPrincipal(http.User) is { } caller
            ? $"""<p class="note">Вы уже вошли как {E(caller.FullName ?? caller.UserName)} ({E(caller.UserName)}). <a href="/account/logout">Выйти</a></p>"""
            : "";
        return Page("Вход в систему наставничества", status, $"""
            {signedIn}{Alert(error)}
            <form method="post" action="/account/login">
              {AntiforgeryField(http, antiforgery)}
              <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
              <p><label>Логин или адрес электронной почты<br><input name="login" value="{E(login)}" autocomplete="username" required autofocus></label></p>
              <p><label>Пароль<br><input type="password" name="password" autocomplete="current-password" required></label></p>
              <p><button type="submit">Войти</button></p>
            </form>
            <p class="note">Нет учётной записи? Её создаёт муниципальный куратор: попросите у него приглашение.</p>
            """);
    }

    private static ContentHttpResult LogoutPage(HttpContext http, IAntiforgery antiforgery, string? error, int status = StatusCodes.Status200OK) =>
        Caller.FromPrincipal(http.User) is { } caller
            ? Page("Выход из системы", status, $"""
                {Alert(error)}
                <p>Вы вошли как {E(caller.FullName ?? caller.UserName)} ({E(caller.UserName)}).</p>
                <form method="post" action="/account/logout">
                  {AntiforgeryField(http, antiforgery)}
                  <p><button type="submit">Выйти</button></p>
                </form>
                """)
            : Page("Выход из системы", status, """<p>Вы не вошли в систему. <a href="/account/login">Войти</a></p>""");

    private static ContentHttpResult InvitationPage(HttpContext http, IAntiforgery antiforgery, string token, InvitationView invitation,
        string? userName, string? fullName, PasswordOptions rules, Errors errors, int status = StatusCodes.Status200OK)
    {
        string[] fields = ["userName", "fullName", "password", "passwordConfirmation"];
        var general = errors.Fields.Where(e => !fields.Contains(e.Key)).SelectMany(e => e.Value);
        return Page("Приглашение в систему наставничества", status, $"""
            <p>{E(invitation.FullName)} ({E(invitation.Email)}), вас приглашают в организацию «{E(invitation.SchoolName)}»
               на роль «{E(invitation.RoleName)}».</p>
            <p class="note">Приглашение действует до {E(invitation.ExpiresAt.UtcDateTime.ToString("dd.MM.yyyy HH:mm", Russian))} (UTC).
               Придумайте пароль, чтобы создать учётную запись.</p>
            {string.Concat(general.Select(Alert))}
            <form method="post" action="/account/invite/{E(Uri.EscapeDataString(token))}">
              {AntiforgeryField(http, antiforgery)}
              <p><label>Логин<br><input name="userName" value="{E(userName)}" autocomplete="username" required></label>{errors.For("userName")}</p>
              <p><label>ФИО<br><input name="fullName" value="{E(fullName)}" autocomplete="name" required></label>{errors.For("fullName")}</p>
              <p><label>Пароль<br><input type="password" name="password" autocomplete="new-password" required></label>
                 <br><small>{E(PasswordRules(rules))}</small>{errors.For("password")}</p>
              <p><label>Пароль ещё раз<br><input type="password" name="passwordConfirmation" autocomplete="new-password" required></label>{errors.For("passwordConfirmation")}</p>
              <p><button type="submit">Создать учётную запись</button></p>
            </form>
            """);
    }

    private static ContentHttpResult InvitationNotUsable() => Page(InvitationEndpoints.NotUsableTitle, StatusCodes.Status404NotFound,
        $"""<p>{E(InvitationEndpoints.NotUsableDetail)}</p><p><a href="/account/login">Вход в систему</a></p>""");

    /// <summary>The web UI's look (Bootstrap and the app's stylesheet, served from this site): no external assets, so the pages work on a closed school network.</summary>
    private static ContentHttpResult Page(string title, int status, string body) => TypedResults.Content($$"""
        <!doctype html>
        <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} — Наставник</title>
        <link rel="stylesheet" href="/ui/lib/bootstrap.min.css"><link rel="stylesheet" href="/ui/app.css">
        <style>
        .account{max-width:30rem;margin:0 auto} .error{color:#a40000} .note{color:#5c6670}
        .account input{display:block;width:100%;padding:.5rem .75rem;border:1px solid #ced4da;border-radius:.375rem;font:inherit;margin-top:.25rem}
        .account button{padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:#1f4e79;color:#fff;font:inherit}
        </style></head>
        <body>
        <header class="app-header"><div class="container-xl py-2"><a class="app-brand" href="/">Наставник</a>
          <span class="app-org ms-2">система наставничества в образовательных организациях</span></div></header>
        <main class="container-xl py-4"><div class="account card"><div class="card-body p-4">
        <h1 class="h4 mb-3">{{E(title)}}</h1>
        {{body}}
        </div></div></main>
        </body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    // ---- helpers ----

    /// <summary>The posted form and whether its antiforgery token is valid (a form that is not one counts as invalid).</summary>
    private static async Task<(IFormCollection Form, bool Valid)> ReadFormAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return (FormCollection.Empty, false);
        var valid = await antiforgery.IsRequestValidAsync(http);
        return (await http.Request.ReadFormAsync(ct), valid);
    }

    private static string AntiforgeryField(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }

    /// <summary>
    /// Only a path on this site: an absolute or protocol-relative address would make the sign-in page an open redirect. A
    /// path with Cyrillic cannot go into the Location header as it is (that was a 500 after a correct password, and no
    /// session): its characters outside ASCII are %-escaped in UTF-8, as a browser sends them.
    /// </summary>
    internal static string LocalOrRoot(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) || url.Any(char.IsControl)) return "/";
        if (url.All(char.IsAscii)) return url;
        var escaped = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii) { escaped.Append((char)rune.Value); continue; }
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)]) escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    private static string PasswordRules(PasswordOptions o)
    {
        var needs = new List<string>();
        if (o.RequireUppercase) needs.Add("заглавная латинская буква");
        if (o.RequireLowercase) needs.Add("строчная латинская буква");
        if (o.RequireDigit) needs.Add("цифра");
        if (o.RequireNonAlphanumeric) needs.Add("знак, не буква и не цифра");
        return $"Не короче {o.RequiredLength} символов" + (needs.Count > 0 ? "; нужны: " + string.Join(", ", needs) : "") + ".";
    }

    private static string Alert(string? message) => string.IsNullOrEmpty(message) ? "" : $"""<p class="error" role="alert">{E(message)}</p>""";

    private static string E(string? value) => Html.Encode(value ?? "");

    private sealed record Errors(IReadOnlyDictionary<string, string[]> Fields)
    {
        public static readonly Errors None = new(new Dictionary<string, string[]>());
        public static Errors General(string message) => new(new Dictionary<string, string[]> { [""] = [message] });

        public string For(string field) => Fields.TryGetValue(field, out var messages)
            ? string.Concat(messages.Select(m => $"""<br><span class="error" role="alert">{E(m)}</span>"""))
            : "";
    }
}
