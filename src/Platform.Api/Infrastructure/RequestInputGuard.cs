using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Domain;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Input no handler should see, refused once here with a Russian 400 naming the field, before any handler runs (issue 21):
/// the NUL character (U+0000) in a query value, a route value, a form field or file name, or any string of a JSON body
/// (PostgreSQL refuses it in text, 22021/22P05, and that was a 500 — on the anonymous sign-in too); a form that cannot
/// be read (an unterminated multipart body, a field over the form limits: a 500 from the antiforgery check before); a
/// date field of a JSON body outside <see cref="InputDates"/> (9999-12-31 plus days overflowed). Runs right after routing,
/// so the endpoint's form limits apply, and before the sign-in limits, which read the form of an anonymous sign-in.
/// </summary>
public sealed class RequestInputGuard(RequestDelegate next)
{
    public const string Nul = "Недопустимый символ NUL (\\u0000): уберите его из значения.";

    /// <summary>
    /// The longest text any field of the API takes (a command's own limit is usually far lower: 200 for a name, 4,000 for
    /// an activity's result): a longer one is refused before it reaches a command that has no limit of its own.
    /// </summary>
    public const int MaxText = 20_000;
    public const string NotUtf8 = "Текст не в кодировке UTF-8: сохраните его в UTF-8 и отправьте ещё раз.";
    public const string TooLong = "Текст длиннее 20 000 символов: сократите его.";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        foreach (var (key, values) in request.Query)
            if (HasNul(key) || values.Any(HasNul)) throw Refused(key, Nul);
        foreach (var (key, value) in request.RouteValues)
            if (value is string text && HasNul(text)) throw Refused(key, Nul);
        if (request.HasFormContentType) await CheckFormAsync(http);
        else if (request.HasJsonContentType() && request.ContentLength != 0) await CheckJsonAsync(http);
        await next(http);
    }

    private static bool HasNul(string? value) => value?.Contains('\0') == true;

    /// <summary>The field as the problem shows it: a NUL in the name itself is written as «\0».</summary>
    private static DomainValidationException Refused(string field, string message) =>
        new(new Dictionary<string, string[]> { [field.Replace("\0", "\\0")] = [message] });

    private static async Task CheckFormAsync(HttpContext http)
    {
        var request = http.Request;
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded) request.EnableBuffering(); // a %00 fails the whole form: the raw body then says which field
        IFormCollection form;
        try
        {
            // The form is kept by the request: the sign-in limits, the antiforgery check and the handler read this one.
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException e) when (urlEncoded && e.InnerException is InvalidOperationException)
        {
            request.Body.Position = 0;
            throw Refused(await NulFieldAsync(request.Body) ?? "form", Nul);
        }
        catch (InvalidDataException e)
        {
            throw Refused("form", e.Message switch
            {
                var m when m.StartsWith("Multipart body length limit", StringComparison.Ordinal) =>
                    "Форма больше допустимого размера: приложите файл поменьше.",
                var m when m.Contains("value length limit", StringComparison.Ordinal) || m.Contains("key length limit", StringComparison.Ordinal) =>
                    "Значение поля формы длиннее допустимого (4 МБ): сократите текст.",
                var m when m.Contains("count limit", StringComparison.Ordinal) => "В форме слишком много полей.",
                _ => "Форма не прочитана: тело запроса составлено неверно. Отправьте форму ещё раз.",
            });
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            throw Refused("form", "Форма не прочитана: тело запроса оборвано (multipart/form-data без завершающей границы). Отправьте форму ещё раз.");
        }
        foreach (var (key, values) in form)
        {
            if (HasNul(key) || values.Any(HasNul)) throw Refused(key, Nul);
            if (values.Any(v => v?.Length > MaxText)) throw Refused(key, TooLong);
        }
        foreach (var file in form.Files)
            if (HasNul(file.FileName) || HasNul(file.Name)) throw Refused(file.Name, "Недопустимый символ NUL (\\u0000) в имени файла: переименуйте файл.");
    }

    /// <summary>The first field of a URL-encoded form whose name or value decodes to a NUL.</summary>
    private static async Task<string?> NulFieldAsync(Stream body)
    {
        var text = await new StreamReader(body, Encoding.UTF8).ReadToEndAsync();
        foreach (var pair in text.Split('&'))
        {
            var parts = pair.Split('=', 2);
            var key = Decode(parts[0]);
            if (HasNul(key) || parts.Length > 1 && HasNul(Decode(parts[1]))) return key;
        }
        return null;
    }

    private static string Decode(string encoded)
    {
        try { return Uri.UnescapeDataString(encoded.Replace('+', ' ')); }
        catch (UriFormatException) { return encoded; }
    }

    private static async Task CheckJsonAsync(HttpContext http)
    {
        var request = http.Request;
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, http.RequestAborted);
        request.Body.Position = 0;
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (Refusal(body.GetBuffer().AsSpan(0, (int)body.Length), BindingProblems.BodyType(http), options) is var (field, message))
            throw Refused(field, message);
    }

    /// <summary>
    /// The first string of the body that is refused, with the field's path as the API names it («plan[0].deadline»); null
    /// when there is none or the body is not JSON (the endpoint then says where it breaks).
    /// </summary>
    public static (string Field, string Message)? Refusal(ReadOnlySpan<byte> json, Type? bodyType, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray) && frames.Count > 0 && frames[^1].Array)
                    frames[^1].Index++;
                switch (token)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(new Frame { Array = token == JsonTokenType.StartArray });
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        frames[^1].Name = reader.GetString();
                        if (HasNul(frames[^1].Name)) return (Path(frames), Nul);
                        break;
                    case JsonTokenType.String:
                        var text = reader.GetString()!;
                        if (HasNul(text)) return (Path(frames), Nul);
                        if (text.Length > MaxText) return (Path(frames), TooLong);
                        if (OutOfRangeDate(text) && bodyType is not null && Path(frames) is var path
                            && BindingProblems.TypeAt(options, bodyType, (path.StartsWith('[') ? "$" : "$.") + path) is { } type && FieldFormats.IsDateType(type))
                            return (Path(frames), InputDates.OutOfRange);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException) // a string that is not UTF-8 (the reader cannot transcode it)
        {
            return (frames.Count > 0 && Path(frames) is { Length: > 0 } field ? field : "body", NotUtf8);
        }
        return null;
    }

    private sealed class Frame
    {
        public bool Array;
        public int Index = -1;
        public string? Name;
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
            if (frame.Array) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Name is not null) path.Append(path.Length > 0 ? "." : "").Append(frame.Name);
        return path.ToString();
    }

    /// <summary>A text that starts as an ISO date («2026-12-07», «9999-12-31T…») with a year outside <see cref="InputDates"/>.</summary>
    private static bool OutOfRangeDate(string text) =>
        text.Length >= 10 && text[4] == '-' && text[7] == '-' && int.TryParse(text.AsSpan(0, 4), out var year)
        && !InputDates.ContainsYear(year);
}
