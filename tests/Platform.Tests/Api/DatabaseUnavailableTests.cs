using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Api.Infrastructure;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

/// <summary>
/// Which database failures answer 503 with Retry-After (the database is away or switching to the standby) rather than 500:
/// real failures of a real server, not made-up exceptions.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task A_server_that_cannot_be_reached_is_unavailable()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var failure = await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync());
        ProblemExceptionHandler.DatabaseUnavailable(new InvalidOperationException("wrapped", failure)).ShouldBeTrue();
    }

    [Fact]
    public async Task No_primary_among_the_servers_named_is_unavailable()
    {
        // The cluster's nodes name the primary and its standby and ask for the primary: while the primary restarts, only a
        // standby answers. Here the test server, named twice, is a primary and a standby is asked for: the same answer from Npgsql
        // (500 before).
        var server = new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Host = $"{server.Host}:{server.Port},{server.Host}:{server.Port}", TargetSessionAttributes = "standby",
        }.ConnectionString);
        var failure = await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync());
        failure.Message.ShouldStartWith("No suitable host");
        ProblemExceptionHandler.DatabaseUnavailable(failure).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_on_a_read_only_server_is_unavailable_and_a_bad_statement_is_not()
    {
        await using var connection = new NpgsqlConnection(PostgresDatabase.ServerConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx)) await readOnly.ExecuteNonQueryAsync();
        // What a node meets when its primary has just become a standby: 25006, read-only transaction.
        var write = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var cmd = new NpgsqlCommand("CREATE TEMP TABLE t (x int)", connection, tx);
            await cmd.ExecuteNonQueryAsync();
        });
        write.SqlState.ShouldBe("25006");
        ProblemExceptionHandler.DatabaseUnavailable(write).ShouldBeTrue();
        await tx.RollbackAsync();

        var bad = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT 'x'::int", connection);
            await cmd.ExecuteNonQueryAsync();
        });
        ProblemExceptionHandler.DatabaseUnavailable(bad).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/districts/x", "text/html,application/xhtml+xml,*/*;q=0.8", "text/html", "Сервис временно недоступен")]
    [InlineData("/api/districts/x/dashboard", "application/json", "application/problem+json", "Сервис временно недоступен")]
    public async Task While_the_database_is_away_a_page_and_an_api_call_are_told_to_come_back_in_russian(string path, string accept, string type, string text)
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var failure = await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync());
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services };
        http.Request.Path = path;
        http.Request.Headers.Accept = accept;
        var body = new MemoryStream();
        http.Response.Body = body;
        var handler = new ProblemExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ProblemExceptionHandler>.Instance);

        (await handler.TryHandleAsync(http, failure, CancellationToken.None)).ShouldBeTrue();

        http.Response.StatusCode.ShouldBe(503);
        http.Response.Headers.RetryAfter.ToString().ShouldBe("5");
        http.Response.ContentType!.ShouldStartWith(type);
        System.Text.Encoding.UTF8.GetString(body.ToArray()).ShouldContain(text);
    }
}
