using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Enums in request bodies by a member's name only. The framework's converter, even without integers, still reads a
/// comma-separated list ("curator, psychologist") as the members' bitwise OR, which for our enums is another member or
/// none; such a string is refused here like any name of no member (a 400 naming the field, BindingProblems).
/// </summary>
public sealed class NamedEnumConverter(JsonNamingPolicy naming) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(naming, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Single<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class Single<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped ? reader.GetString()!.Contains(',') : reader.ValueSpan.IndexOf((byte)',') >= 0))
                throw new JsonException($"A list of {typeof(T).Name} values where one is expected.");
            return _inner.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            _inner.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _inner.WriteAsPropertyName(writer, value, options);
    }
}
