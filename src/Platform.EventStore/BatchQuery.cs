using Npgsql;

namespace Platform.EventStore;

/// <summary>One statement of a batch read in one round trip (<see cref="DocumentSession.QueryAsync{T1,T2,T3}"/>): its SQL, how a row reads, its $1, $2… values.</summary>
public sealed record BatchQuery<T>(string Sql, Func<NpgsqlDataReader, T> Map, params object?[] Args);
