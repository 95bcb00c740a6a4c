using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Platform.Tests.Hardening;

/// <summary>How a fuzz case spoils a request: a bad value in one field, a bad body as a whole, or a bad route value.</summary>
public abstract record Mutation(string Name)
{
    /// <summary>The body to send, from the operation's plausible body (null when it takes none).</summary>
    public abstract (byte[] Body, string ContentType) Apply(JsonNode? plausible, int path);

    /// <summary>The route's last parameter instead of the real value (null: the real one), escaped for the path.</summary>
    public virtual string? RouteValue() => null;

    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    protected static string Text(JsonNode? plausible) => plausible?.ToJsonString() ?? "{}";
}

/// <summary>One field (picked among all the body's fields and items, at any depth) set to a bad JSON value.</summary>
public sealed record FieldValue(string Name, Func<string> Json) : Mutation(Name)
{
    private const string Marker = "\"\\u0001fuzz\\u0001\"";

    public override (byte[], string) Apply(JsonNode? plausible, int path)
    {
        if (plausible is null) return (Utf8(Json()), "application/json"); // a body where none is expected
        var copy = plausible.DeepClone();
        var slots = Slots(copy).ToList();
        if (slots.Count == 0) return (Utf8(Json()), "application/json"); // a bad value as the whole body
        var (parent, key) = slots[path % slots.Count];
        if (parent is JsonObject o) o[(string)key] = "\u0001fuzz\u0001";
        else ((JsonArray)parent)[(int)key] = "\u0001fuzz\u0001";
        return (Utf8(copy.ToJsonString().Replace(Marker, Json())), "application/json");
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o.ToList())
            {
                yield return (o, k);
                if (v is not null) foreach (var s in Slots(v)) yield return s;
            }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                yield return (a, i);
                if (a[i] is { } v) foreach (var s in Slots(v)) yield return s;
            }
    }
}

/// <summary>A whole body made from the plausible one (or standing alone).</summary>
public sealed record WholeBody(string Name, Func<string, byte[]> Make, string ContentType = "application/json") : Mutation(Name)
{
    public override (byte[], string) Apply(JsonNode? plausible, int path) => (Make(Text(plausible)), ContentType);
}

/// <summary>The route's last parameter set to a bad value; the body stays plausible.</summary>
public sealed record BadRoute(string Name, string Value) : Mutation(Name)
{
    public override (byte[], string) Apply(JsonNode? plausible, int path) => (Utf8(Text(plausible)), "application/json");

    public override string? RouteValue() => Uri.EscapeDataString(Value);
}

/// <summary>FsCheck generators of the bad input the fuzz suite sends.</summary>
public static class FuzzInputs
{
    /// <summary>
    /// Generators taken out of the run until another branch lands: each 5xx they find is one of issue 21's causes
    /// 1, 6, 11, 12 (NUL characters in text, overflowing dates and numbers, &gt;4 MB form fields, text length limits),
    /// fixed on branch h21-input. Empty this list after that merge.
    /// </summary>
    public static readonly HashSet<string> AwaitingH21Input = [];

    public static string JsonString(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
            b.Append(c is '"' or '\\' || c < 0x20 || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return b.Append('"').ToString();
    }

    private static FieldValue V(string name, string json) => new(name, () => json);

    private static readonly Gen<FieldValue> WrongTypes = Gen.Elements(
        V("wrong-type-number", "12345"), V("wrong-type-bool", "true"), V("wrong-type-string", "\"строка\""), V("wrong-type-null", "null"),
        V("wrong-type-empty-string", "\"\""), V("wrong-type-whitespace", "\"   \""), V("array-for-object", "[{}]"),
        V("array-for-scalar", "[1,2,3]"), V("object-for-scalar", "{\"a\":1}"), V("nested-arrays", "[[[]]]"));

    private static readonly Gen<FieldValue> Numbers = Gen.OneOf(
        Gen.Elements(V("int-max", "2147483647"), V("int-min", "-2147483648"), V("int-max+1", "2147483648"), V("long-max", "9223372036854775807"),
            V("long-min", "-9223372036854775808"), V("long-max+1", "9223372036854775808"), V("double-max", "1.7976931348623157e308"),
            V("double-overflow", "1e400"), V("negative-zero", "-0"), V("tiny-fraction", "1e-320"), V("numeric-string-huge", "\"99999999999999999999\""),
            V("negative", "-1"), V("fraction-for-int", "2.5")),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => V("random-int", i.ToString())),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => V("random-long", ((long)i * 4_294_967_311L).ToString())));

    private static readonly Gen<FieldValue> Dates = Gen.Elements(
        V("date-9999-12-31", "\"9999-12-31\""), V("date-0001-01-01", "\"0001-01-01\""), V("datetime-max", "\"9999-12-31T23:59:59.9999999+00:00\""),
        V("datetime-min-offset", "\"0001-01-01T00:00:00+14:00\""), V("date-feb-30", "\"2024-02-30\""), V("date-russian-format", "\"31.12.2024\""),
        V("date-garbage", "\"вчера\""), V("date-as-number", "20240101"), V("date-year-10000", "\"10000-01-01\""));

    private static readonly Gen<FieldValue> Enums = Gen.Elements(
        V("enum-unknown-name", "\"no_such_kind\""), V("enum-pascal-case", "\"Virtual\""), V("enum-as-number", "999"), V("enum-number-string", "\"0\""),
        V("enum-russian", "\"наставничество\""));

    private static readonly Gen<FieldValue> Texts = Gen.OneOf(
        Gen.Elements(V("nul-in-text", "\"a\\u0000b\""), V("only-nul", "\"\\u0000\""), V("lone-surrogate", "\"\\ud800x\""),
            V("rtl-override", "\"\\u202eабв\""), V("zero-width", "\"\\u200b\\u200b\""), V("emoji", "\"🙂👍🏽\""), V("sql-quote", "\"'; DROP TABLE x; --\""),
            V("html", "\"<script>alert(1)</script>\""), V("crlf", "\"a\\r\\nb\""), V("guid-empty", "\"00000000-0000-0000-0000-000000000000\""),
            V("guid-garbage", "\"not-a-guid\"")),
        Gen.Elements(1_100_000, 2_500_000).Select(n => new FieldValue("huge-string", () => JsonString(new string('я', n / 2)))),
        Gen.Elements(5_000, 100_000).Select(n => new FieldValue("long-string", () => JsonString(new string('ы', n)))),
        Gen.ArrayOf(Gen.Choose(1, 0xFFFF).Select(c => (char)c)) // NUL is nul-in-text's
           .Select(cs => new FieldValue("random-unicode", () => JsonString(new string(cs)))));

    private static readonly Gen<FieldValue> Nesting = Gen.Elements(64, 1_000, 100_000).Select(depth => new FieldValue("deep-nesting",
        () => depth % 2 == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    public static readonly Gen<FieldValue> BadValues = Gen.Frequency(
        (3, WrongTypes), (3, Numbers), (2, Dates), (2, Enums), (3, Texts), (1, Nesting));

    private static byte[] InvalidUtf8(string json)
    {
        var at = json.IndexOf(":\"", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(at < 0 ? "{\"a\":\"\"}" : json);
        var cut = at < 0 ? 6 : Encoding.UTF8.GetByteCount(json[..(at + 2)]);
        return [.. bytes[..cut], 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, .. bytes[cut..]];
    }

    private static readonly Gen<Mutation> Bodies = Gen.Elements<Mutation>(
        new WholeBody("empty-body", _ => []), new WholeBody("json-null", _ => "null"u8.ToArray()),
        new WholeBody("json-number", _ => "123"u8.ToArray()), new WholeBody("json-string", _ => "\"x\""u8.ToArray()),
        new WholeBody("array-body", j => Encoding.UTF8.GetBytes($"[{j}]")), new WholeBody("empty-array-body", _ => "[]"u8.ToArray()),
        new WholeBody("truncated", j => Encoding.UTF8.GetBytes(j[..(j.Length / 2)])), new WholeBody("invalid-utf8", InvalidUtf8),
        new WholeBody("bom-prefixed", j => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(j)]),
        new WholeBody("deep-nesting-body", _ => Encoding.UTF8.GetBytes(new string('[', 20_000) + new string(']', 20_000))),
        new WholeBody("deep-object-body", _ => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000))),
        new WholeBody("duplicate-keys", j => Encoding.UTF8.GetBytes(j.Length > 2 ? j.TrimEnd('}') + (j.Length > 2 ? "," : "") + j[1..] : j)),
        new WholeBody("many-properties", _ => Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"p{i}\":{i}")) + "}")),
        new WholeBody("huge-padding", j => Encoding.UTF8.GetBytes(j.Length > 2 ? "{\"padding\":" + JsonString(new string('x', 3_000_000)) + "," + j[1..] : j)),
        new WholeBody("text-plain", Encoding.UTF8.GetBytes, "text/plain"), new WholeBody("xml", _ => "<a>1</a>"u8.ToArray(), "application/xml"),
        new WholeBody("json-without-charset", Encoding.UTF8.GetBytes, "application/json; charset=x-nastavnik-unknown"),
        new WholeBody("form-garbage", _ => "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nnot a workbook\r\n--b--\r\n"u8.ToArray(), "multipart/form-data; boundary=b"),
        new WholeBody("form-broken-boundary", _ => "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"u8.ToArray(), "multipart/form-data; boundary=b"),
        new WholeBody("form-without-boundary", _ => "x"u8.ToArray(), "multipart/form-data"),
        new WholeBody("form-huge-field", _ => Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + new string('x', 5_000_000) + "\r\n--b--\r\n"), "multipart/form-data; boundary=b"));

    // No NUL in a route: the server refuses such a path before the app (Kestrel with 400, the test server throws).
    private static readonly Gen<Mutation> Routes = Gen.Elements<Mutation>(
        new BadRoute("route-huge", new string('9', 10_000)), new BadRoute("route-control-char", "a\u0007b"), new BadRoute("route-int-overflow", "2147483648"),
        new BadRoute("route-negative", "-1"), new BadRoute("route-long-overflow", "99999999999999999999"), new BadRoute("route-dot-dot", "../.."),
        new BadRoute("route-unicode", "школа"), new BadRoute("route-empty-guid", "00000000-0000-0000-0000-000000000000"),
        new BadRoute("route-year-9999", "9999"), new BadRoute("route-year-0", "0"));

    public static readonly Gen<Mutation> Mutations = Gen.Frequency(
        (6, BadValues.Select(v => (Mutation)v)), (3, Bodies), (1, Routes)).Where(m => !AwaitingH21Input.Contains(m.Name));

    /// <summary>One request: the operation (an index into the write operations), which real record, the body's field, the seed of its plausible values, the mutation.</summary>
    public sealed record FuzzCase(int Operation, int Pick, int Path, int Seed, Mutation Mutation);

    public static Gen<FuzzCase> Cases(int operations) =>
        from op in Gen.Choose(0, operations - 1)
        from pick in Gen.Choose(0, 49)
        from path in Gen.Choose(0, 1_000)
        from seed in Gen.Choose(0, int.MaxValue)
        from mutation in Mutations
        select new FuzzCase(op, pick, path, seed, mutation);
}
