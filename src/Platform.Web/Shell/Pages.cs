using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventStore;

namespace Platform.Web.Shell;

/// <summary>Rendering of pages and htmx fragments, and the handling of their forms.</summary>
public static class Pages
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
        catch (DomainValidationException e) { return Status(again(new FormErrors(e.Errors)), StatusCodes.Status422UnprocessableEntity); }
        catch (DomainRuleException e) { return Status(again(FormErrors.General(e.Message)), StatusCodes.Status409Conflict); }
        catch (RecordNotFoundException e) { return Status(again(FormErrors.General(e.Message)), StatusCodes.Status404NotFound); }
        catch (ConcurrencyException)
        {
            return Status(again(FormErrors.General("Запись только что изменил другой пользователь. Обновите страницу и повторите.")), StatusCodes.Status409Conflict);
        }
    }

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

    public static DateOnly? Date(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d) ? d : null;

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
