using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventStore;

namespace Platform.Web.Shell;

/// <summary>Rendering of pages and htmx fragments, and the handling of their forms.</summary>
public static partial class Pages
{
    public const string StaleForm = "Страница устарела (например, в другой вкладке выполнен вход или выход). Обновите страницу и повторите.";

    public static RazorComponentResult Render<T>(object parameters, int status = StatusCodes.Status200OK) where T : IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    /// <summary>The posted form and whether its antiforgery token is valid (a body that is not a form counts as invalid).</summary>
    public static async Task<(IFormCollection Form, bool Valid)> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return (FormCollection.Empty, false);
        var antiforgery = http.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
        var valid = antiforgery is not null && await antiforgery.IsRequestValidAsync(http);
        return (await http.Request.ReadFormAsync(http.RequestAborted), valid);
    }

    /// <summary>
    /// Runs a decision; a refusal re-renders the form with its messages next to the fields (422, which htmx 4 swaps in).
    /// </summary>
    public static async Task<IResult> Attempt(Func<Task<IResult>> decide, Func<FormErrors, IResult> again)
    {
        try
        {
            return await decide();
        }
        catch (Exception e) when (Refusal(e) is var (errors, status))
        {
            return Status(again(errors), status);
        }
    }

    /// <summary>As <see cref="Attempt(Func{Task{IResult}}, Func{FormErrors, IResult})"/>, for a page that reloads what it shows around the refused form.</summary>
    public static async Task<IResult> Attempt(Func<Task<IResult>> decide, Func<FormErrors, int, Task<IResult>> again)
    {
        try
        {
            return await decide();
        }
        catch (Exception e) when (Refusal(e) is var (errors, status))
        {
            return await again(errors, status);
        }
    }

    /// <summary>A refusal of a decision as a form shows it: the messages (by field, or general) and the status; null for a fault.</summary>
    public static (FormErrors Errors, int Status)? Refusal(Exception e) => e switch
    {
        DomainValidationException v => (new FormErrors(v.Errors), StatusCodes.Status422UnprocessableEntity),
        DomainRuleException r => (FormErrors.General(r.Message), StatusCodes.Status409Conflict),
        RecordNotFoundException n => (FormErrors.General(n.Message), StatusCodes.Status404NotFound),
        ConcurrencyException => (FormErrors.General("Запись только что изменил другой пользователь. Обновите страницу и повторите."), StatusCodes.Status409Conflict),
        _ => null,
    };

    private static IResult Status(IResult result, int status)
    {
        if (result is RazorComponentResult razor) razor.StatusCode = status;
        return result;
    }

    /// <summary>After a change that opens another page: htmx goes there (a full page, the address bar follows).</summary>
    public static IResult RedirectTo(HttpContext http, string url)
    {
        http.Response.Headers["HX-Redirect"] = url;
        return Results.Ok();
    }

    /// <summary>
    /// A date typed or pasted into a form: Russian «07.12.2026» (also «7.12.2026», «07.12.2026 г.», «7 декабря 2026») or ISO
    /// «2026-12-07», which date inputs send. Empty is null (the decision says whether the date is required); a value that is
    /// not a date is refused with a Russian message next to the <paramref name="field"/>, never read as another day.
    /// </summary>
    public static DateOnly? Date(string? value, string field) =>
        ParseDate(value) switch
        {
            { Date: { } d } => d,
            { Error: { } error } => throw new DomainValidationException(new Dictionary<string, string[]> { [field] = [error] }),
            _ => null,
        };

    /// <summary>What <see cref="Date"/> reads: the date, or nothing for an empty value, or the Russian reason it is not a date.</summary>
    public static (DateOnly? Date, string? Error) ParseDate(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (text.EndsWith("г.", StringComparison.Ordinal) || text.EndsWith('г'))
            text = text.TrimEnd('.').TrimEnd('г').TrimEnd();
        if (DateOnly.TryParseExact(text, DateFormats, Format.Russian, System.Globalization.DateTimeStyles.None, out var date))
            return InputDates.Contains(date) ? (date, null) : (null, InputDates.OutOfRange);
        return DateShape().Match(text) is { Success: true } m && !Exists(m)
            ? (null, $"Такой даты нет в календаре: {value!.Trim()}.")
            : (null, DateExpected);
    }

    public const string DateExpected = "Дата не распознана: укажите её как 07.12.2026 (день, месяц, год) или 2026-12-07.";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d MMMM yyyy", "d MMMM yyyy 'года'"];

    // «31.02.2026» or «2026-02-31»: written as a date, but no such day.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})|(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2}))$")]
    private static partial System.Text.RegularExpressions.Regex DateShape();

    private static bool Exists(System.Text.RegularExpressions.Match m)
    {
        int day = int.Parse(m.Groups["d"].Value), month = int.Parse(m.Groups["m"].Value), year = int.Parse(m.Groups["y"].Value);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>
    /// A record page's «state on a date» (?asOf=), read as a form's date (the date picker sends ISO; a pasted address may be
    /// Russian): the day, or a Russian page saying why it is not a date (never another day, nor a framework error).
    /// </summary>
    public static (DateOnly? Day, IResult? Refusal) AsOf(UiContext ui, string? value)
    {
        var (day, error) = ParseDate(value);
        return error is null
            ? (day, null)
            : (null, Render<NotFoundPage>(new { Ui = ui, Title = "Состояние на дату", Message = $"Состояние на дату: {error}" }, StatusCodes.Status400BadRequest));
    }

    public static Guid? Id(string? value) => Guid.TryParse(value, out var g) ? g : null;

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The end of a chosen day in the school's time zone: «the state on 1 December» includes that whole day.</summary>
    public static DateTimeOffset? EndOfDay(DateOnly? day, string timeZone)
    {
        if (day is not { } d) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = d.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).AddTicks(-1).ToUniversalTime(); // Npgsql writes UTC only
    }
}
