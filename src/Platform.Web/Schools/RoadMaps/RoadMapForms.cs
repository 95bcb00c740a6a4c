using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.Mentoring.RoadMaps;
using Platform.Web.Shell;

namespace Platform.Web.Schools.RoadMaps;

/// <summary>
/// One of the road map page's forms after a refusal: which one (<see cref="Key"/>, e.g. «add-stage», «activity-{id}»), what was
/// typed and the messages; the page opens that form again with them.
/// </summary>
public sealed record EditForm(string Key, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors)
{
    public bool Is(string key) => Key == key;

    /// <summary>The typed value of a field when this is the form refused, otherwise the record's own value.</summary>
    public static string? Value(EditForm? form, string key, string field, string? current) =>
        form is not null && form.Is(key) ? form.Typed.GetValueOrDefault(field) : current;

    public static FormErrors ErrorsOf(EditForm? form, string key) => form is not null && form.Is(key) ? form.Errors : FormErrors.None;

    public static IReadOnlyList<string> Values(EditForm? form, string key, string field, IReadOnlyList<string> current) =>
        form is not null && form.Is(key) ? (form.Typed.GetValueOrDefault(field) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries) : current;
}

/// <summary>An activity's period as the form sends it: its kind and the fields of that kind (a date, months «2026-11», a month number).</summary>
public static class PeriodForm
{
    public static readonly string[] Fields = ["periodKind", "periodDate", "periodFrom", "periodTo", "periodMonth"];

    public static readonly (string Code, string Label)[] Kinds =
        [("", "без срока"), ("date", "дата"), ("month", "месяц"), ("months", "с месяца по месяц"), ("yearly", "ежегодно")];

    /// <summary>The period typed, or null for «без срока»; a value that is no period is refused under <paramref name="field"/>.</summary>
    public static Period? Read(IFormCollection form, string field = "period")
    {
        string? from = Pages.Text(form["periodFrom"]), to = Pages.Text(form["periodTo"]);
        switch (Pages.Text(form["periodKind"]))
        {
            case null:
                return null;
            case "date":
                return new Period(PeriodKind.Date, Date: Pages.Date(form["periodDate"], field));
            case "month":
                return new Period(PeriodKind.Month, From: from);
            case "months":
                return new Period(PeriodKind.Months, From: from, To: to);
            case "yearly":
                var month = Pages.Text(form["periodMonth"]);
                if (month is null) return Period.Yearly();
                return int.TryParse(month, out var m) ? Period.Yearly(m) : throw Refuse(field, "Месяц — число от 1 до 12.");
            default:
                throw Refuse(field, "Срок: без срока, дата, месяц, с месяца по месяц или ежегодно.");
        }
    }

    /// <summary>The form's fields for a period already set (to show it in the form).</summary>
    public static Dictionary<string, string?> Typed(Period? p) => new()
    {
        ["periodKind"] = p?.Kind switch { PeriodKind.Date => "date", PeriodKind.Month => "month", PeriodKind.Months => "months", PeriodKind.Yearly => "yearly", _ => "" },
        ["periodDate"] = p?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["periodFrom"] = p?.From,
        ["periodTo"] = p?.To,
        ["periodMonth"] = p?.Month?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The responsible roles ticked (checkboxes named responsibleRoles).</summary>
    public static string[] Roles(IFormCollection form) => form["responsibleRoles"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).ToArray();

    public static Exception Refuse(string field, string message) => new DomainValidationException(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A whole number typed into a form (null when empty); anything else is refused with the message under the field.</summary>
    public static int? Number(string? value, string field, string message) =>
        Pages.Text(value) is not { } text ? null : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Refuse(field, message);
}
