using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using WireMock.Logging;
using WireMock.Server;

namespace MedZen.Scribe.Tests.Models;

/// <summary>A real WireMock HTTP server on a free loopback port.</summary>
public sealed class WireMockTestServer : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    public void Dispose() => Server.Stop();
}

internal static class ModelTestSupport
{
    /// <summary>Transcript text that stands for PHI: it must never reach an exception message.</summary>
    public const string PatientName = "Marisol Quintero-Vance";
    public const string PatientComplaint = "crushing substernal chest pain radiating to the left jaw";

    public static readonly string[] PhiFragments = [PatientName, "Quintero", PatientComplaint, "substernal"];

    /// <summary>A note request as the workflow's EnrichMetadata step builds it.</summary>
    public static JsonObject SoapRequest() => new()
    {
        ["anthropic_version"] = "bedrock-2023-05-31",
        ["max_tokens"] = 2048,
        ["temperature"] = 0.2,
        ["system"] = "You are a clinical scribe. Write a SOAP note as JSON. Cite transcript turns.",
        ["messages"] = new JsonArray(
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = $"[T1 patient] My name is {PatientName}. I have {PatientComplaint} since this morning.\n[T2 clinician] Any shortness of breath?",
            }),
    };

    public static string SoapNoteJson =>
        """{"subjective":{"chiefComplaint":"Chest pain","statements":[{"text":"Chest pain since morning","evidence":["T1"]}]},"objective":{"statements":[]},"assessment":[],"plan":[]}""";

    /// <summary>Exception text as a log would show it: message, inner exceptions, stack.</summary>
    public static void AssertNoPhi(Exception exception)
    {
        var shown = exception.ToString();
        foreach (var fragment in PhiFragments)
        {
            Assert.DoesNotContain(fragment, shown, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static ILogEntry SingleRequest(WireMockServer server)
    {
        var entries = server.LogEntries.ToList();
        Assert.True(entries.Count == 1, string.Join("\n", entries.Select(e => $"{e.RequestMessage.DateTime:O} {e.RequestMessage.Method} {e.RequestMessage.Path} retry={Header(e, "x-stainless-retry-count")} -> {e.ResponseMessage.StatusCode}")));
        return entries[0];
    }

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?
            .FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();

    public static JsonObject Body(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body!)!.AsObject();

    public static async Task<ModelInvocationException> InvokeFailing(IModelClient client, JsonObject request)
    {
        var failure = await Assert.ThrowsAsync<ModelInvocationException>(
            () => client.InvokeAsync(request, TestContext.Current.CancellationToken));
        AssertNoPhi(failure);
        return failure;
    }
}
