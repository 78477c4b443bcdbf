using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MedZen.Server.Tests.Api;

/// <summary>
/// A clinician's edit is re-checked against the visit's transcript before it is stored: the stored supported flags,
/// evidence, problems and reasons are the faithfulness checker's, whatever the client sent.
/// </summary>
public sealed class NoteEditRecheckTests
{
    [Fact]
    public async Task An_edit_is_stored_with_the_checkers_flags_not_the_clients()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-e");
        using var service = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        await server.FinalizeAndWaitAsync(service, visit);
        using var provider = server.Provider("prov-e");
        var record = (await provider.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))![0]!.AsObject();
        var noteId = record["id"]!.GetValue<string>();
        var note = record["note"]!.DeepClone().AsObject();
        var plan = note["problems"]![0]!["plan"]!.AsArray();
        // The transcript says amoxicillin 500 milligrams; the client claims 875 mg is supported, citing the prescribing turn.
        plan.Add(new JsonObject { ["text"] = "Amoxicillin 875 mg twice daily for 10 days.", ["evidence"] = new JsonArray("s8"), ["supported"] = true });
        // Said by the clinician, but the client sends it flagged and without evidence.
        plan.Add(new JsonObject { ["text"] = "Take ibuprofen for the throat pain.", ["evidence"] = new JsonArray(), ["supported"] = false });

        var edited = await provider.PutAsJsonAsync($"/v1/soap-notes/{noteId}", new { version = record["version"]!.GetValue<int>(), note, reason = "added the prescription" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var stored = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}"))!;
        var storedPlan = stored["note"]!["problems"]![0]!["plan"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var dose = Assert.Single(storedPlan, s => s["text"]!.GetValue<string>().StartsWith("Amoxicillin 875", StringComparison.Ordinal));
        Assert.False(dose["supported"]!.GetValue<bool>());
        Assert.Contains("Number", dose["problems"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("875", dose["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var ibuprofen = Assert.Single(storedPlan, s => s["text"]!.GetValue<string>().StartsWith("Take ibuprofen", StringComparison.Ordinal));
        Assert.True(ibuprofen["supported"]!.GetValue<bool>());
        Assert.Contains("s8", ibuprofen["evidence"]!.AsArray().Select(e => e!.GetValue<string>()));
    }
}
