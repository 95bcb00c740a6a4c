using System.Text.Json;
using Alba;

namespace Platform.Tests.Infrastructure;

/// <summary>Expectations of our API's answers, on top of Alba's: RFC 7807 problem details with the refused fields.</summary>
public static class ScenarioExpectations
{
    /// <summary>
    /// The answer is a problem (application/problem+json) with this status; with a field, its <c>errors</c> name that
    /// field, and with a text, the field's message (or the problem's detail, without a field) contains it.
    /// </summary>
    public static Scenario ProblemShouldBe(this Scenario scenario, int status, string? field = null, string? contains = null)
    {
        scenario.StatusCodeShouldBe(status);
        scenario.AssertThat(new ProblemAssertion(field, contains));
        return scenario;
    }

    /// <summary>Reads the answer's JSON body as the app's own serializer writes it.</summary>
    public static async Task<T> Json<T>(this Task<IScenarioResult> result) => await (await result).ReadAsJsonAsync<T>();

    /// <summary>The answer's JSON body as a tree, for tests that look at a few properties.</summary>
    public static async Task<JsonElement> Json(this Task<IScenarioResult> result) =>
        JsonDocument.Parse(await (await result).ReadAsTextAsync()).RootElement;

    /// <summary>Follows a background operation (GET its Location) until it has succeeded or failed, as a client polls it.</summary>
    public static async Task<JsonElement> FinishedOperationAsync(this ApiHost api, string token, string location, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var operation = await api.Scenario(s =>
            {
                s.WithBearerToken(token);
                s.Get.Url(location);
            }).Json();
            if (operation.GetProperty("status").GetString() is "succeeded" or "failed" || DateTime.UtcNow > until) return operation;
            await Task.Delay(50);
        }
    }

    private sealed class ProblemAssertion(string? field, string? contains) : IScenarioAssertion
    {
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var type = context.HttpContext.Response.ContentType ?? "";
            if (!type.StartsWith("application/problem+json", StringComparison.Ordinal))
            {
                context.AddFailure($"Expected application/problem+json, but the content type was '{type}'");
                context.ReadBodyAsString();
                return;
            }
            var body = context.ReadBodyAsString();
            var problem = JsonDocument.Parse(body).RootElement;
            string? message;
            if (field is null)
                message = problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.GetProperty("title").GetString();
            else if (problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages))
                message = string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
            else
            {
                context.AddFailure($"Expected the problem to name the field '{field}'");
                return;
            }
            if (contains is not null && message?.Contains(contains, StringComparison.Ordinal) != true)
                context.AddFailure($"Expected the problem's message to contain '{contains}', but it was '{message}'");
        }
    }
}
