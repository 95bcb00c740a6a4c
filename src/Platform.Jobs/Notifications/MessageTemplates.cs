using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Platform.Jobs.Notifications;

public sealed record RenderedMessage(string Title, string Body, string? Link);

/// <summary>
/// The Russian texts of every message, filled from the outbox row's variables (school, deadline, days left, link…)
/// when it is sent, so that the in-app notice and the e-mail say the same.
/// </summary>
public static class MessageTemplates
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        ["road_map_activity"] = "Мероприятие дорожной карты",
        ["program_plan_row"] = "Мероприятие плана программы наставничества",
        ["program_end"] = "Окончание программы наставничества",
        ["campaign"] = "Отчёт по мониторингу",
        ["region_campaign"] = "Сводный отчёт района в институт",
        ["district_deadline"] = "Срок района",
    };

    public static RenderedMessage Render(string template, JsonElement p, string? publicUrl)
    {
        var link = Absolute(Str(p, "link"), publicUrl);
        switch (template)
        {
            case "reminder":
            {
                var due = Date(p, "dueOn");
                var left = p.TryGetProperty("daysLeft", out var d) ? d.GetInt32() : 0;
                var when = left switch { 0 => "сегодня", 1 => "завтра", _ => $"через {Days(left)}" };
                var kind = KindNames.GetValueOrDefault(Str(p, "kind") ?? "", "Срок");
                var title = left == 0 ? $"Сегодня срок: {Str(p, "deadline")}" : $"Срок {due} ({when}): {Str(p, "deadline")}";
                var body = $"{Str(p, "school")}\n{kind}: «{Str(p, "deadline")}».\nСрок — {due}, {when}.\n" +
                           "Отметьте выполнение в системе, и напоминания прекратятся." + (link is null ? "" : $"\nСсылка: {link}");
                return new(title, body, link);
            }
            case "escalation":
            {
                var total = p.GetProperty("total").GetInt32();
                var schools = p.GetProperty("schools").GetInt32();
                var sb = new StringBuilder($"{Str(p, "district")}: на {Date(p, "date")} просрочено {Items(total)} в {Orgs(schools)}.\n");
                var lines = p.GetProperty("lines");
                foreach (var line in lines.EnumerateArray())
                    sb.Append($"\n— {Str(line, "school")}: «{Str(line, "deadline")}», срок {Date(line, "dueOn")}, просрочено на {Days(line.GetProperty("daysLate").GetInt32())}");
                if (total > lines.GetArrayLength()) sb.Append($"\n… и ещё {total - lines.GetArrayLength()}");
                if (link is not null) sb.Append($"\n\nСписок: {link}");
                return new($"Просроченные сроки: {Items(total)} в {Orgs(schools)}", sb.ToString(), link);
            }
            case "invitation":
            {
                var body = $"Здравствуйте, {Str(p, "fullName")}!\n\nВас приглашают в систему наставничества: {Str(p, "roleName")}, {Str(p, "school")}.\n" +
                           $"Чтобы создать учётную запись, откройте ссылку (действует до {Date(p, "expiresAt")}):\n{link}\n\n" +
                           "Если вы не ждали этого письма, просто не отвечайте на него.";
                return new("Приглашение в систему наставничества", body, link);
            }
            case "delivery":
                return new($"Отправка в институт: {Str(p, "title")}", Str(p, "title") ?? "", link);
            default:
                return new(Str(p, "title") ?? "Уведомление", Str(p, "body") ?? "", link);
        }
    }

    public static string Days(int n) => $"{n} {Plural(n, "день", "дня", "дней")}";
    private static string Items(int n) => $"{n} {Plural(n, "срок", "срока", "сроков")}";
    private static string Orgs(int n) => $"{n} {Plural(n, "организации", "организациях", "организациях")}";

    public static string Plural(int n, string one, string few, string many)
    {
        var m = Math.Abs(n) % 100;
        if (m is >= 11 and <= 14) return many;
        return (m % 10) switch { 1 => one, 2 or 3 or 4 => few, _ => many };
    }

    private static string? Str(JsonElement p, string name) =>
        p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;

    private static string Date(JsonElement p, string name) =>
        DateTimeOffset.TryParse(Str(p, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.ToString("dd.MM.yyyy", Ru) : Str(p, name) ?? "";

    private static string? Absolute(string? link, string? publicUrl) =>
        link is null || publicUrl is null || link.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? link : publicUrl.TrimEnd('/') + link;
}
