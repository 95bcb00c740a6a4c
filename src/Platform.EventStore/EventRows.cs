using System.Text.Json;
using Npgsql;

namespace Platform.EventStore;

/// <summary>Reads es.mt_events rows selected with <see cref="Columns"/> into envelopes (bulk reads Marten has no call for).</summary>
internal static class EventRows
{
    public const string Columns = "seq_id, tenant_id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id";

    public static IEvent Read(NpgsqlDataReader r, DocumentStoreOptions options)
    {
        var typeName = r.GetString(4);
        return new EventEnvelope(
            r.GetInt64(0), Guid.Parse(r.GetString(1)), r.GetGuid(2), r.GetInt64(3), typeName,
            JsonSerializer.Deserialize(r.GetString(5), options.Events.TypeOf(typeName), options.Json)!,
            r.GetFieldValue<DateTimeOffset>(6),
            r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetString(9));
    }
}
