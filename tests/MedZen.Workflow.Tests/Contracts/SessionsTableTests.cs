using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;

namespace MedZen.Workflow.Tests.Contracts;

/// <summary>
/// The sessions table's items and the workflow's execution input are the wire format the definition reads
/// (<c>$.session.Item.transcriptionEnabled.BOOL</c>, <c>$.sessionId</c>); pinned as exact JSON.
/// </summary>
public sealed class SessionsTableTests
{
    [Fact]
    public void An_ended_call_is_written_as_DynamoDB_JSON()
    {
        var item = SessionsTable.EndedCall("s-1", "a-1", "p-1", "pt-1", transcriptionEnabled: false, new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal(
            """{"sessionId":{"S":"s-1"},"appointmentId":{"S":"a-1"},"providerId":{"S":"p-1"},"patientId":{"S":"pt-1"},"transcriptionEnabled":{"BOOL":false},"status":{"S":"ended"},"createdAt":{"S":"2026-12-03T08:00:00.0000000Z"}}""",
            item.ToJsonString());
        Assert.Equal("ended", SessionsTable.StatusOf(item));
    }

    [Fact]
    public void The_dead_letter_mark_updates_only_an_existing_row()
    {
        var update = SessionsTable.MarkFailed("sessions", "s-1", SessionStatuses.SoapFailed, "RetriesExhausted", new DateTimeOffset(2026, 12, 3, 8, 0, 0, 250, TimeSpan.Zero));

        Assert.Equal("""{"sessionId":{"S":"s-1"}}""", update.Key.ToJsonString());
        Assert.Equal("attribute_exists(sessionId)", update.ConditionExpression);
        Assert.Equal(
            """{":status":{"S":"soap_failed"},":reason":{"S":"RetriesExhausted"},":now":{"S":"2026-12-03T08:00:00.250Z"}}""",
            update.Attributes!.Values!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"status":{"S":"soap_ready"}}""", "soap_ready")]
    [InlineData("""{"status":{"N":"1"}}""", null)]
    [InlineData("""{"sessionId":{"S":"s-1"}}""", null)]
    public void The_status_is_read_only_as_a_string(string item, string? expected) =>
        Assert.Equal(expected, SessionsTable.StatusOf(JsonNode.Parse(item)!.AsObject()));

    [Fact]
    public void A_restart_input_carries_the_ids_and_why()
    {
        var input = new SoapNoteInput
        {
            SessionId = "s-1",
            ProviderId = "p-1",
            Retry = new RestartReason(2, "BedrockUnavailable", "soap-s-1-r1"),
        }.ToJson();

        Assert.Equal(
            """{"sessionId":"s-1","providerId":"p-1","transcriptionEnabled":true,"retry":{"attempt":2,"reason":"BedrockUnavailable","previousExecution":"soap-s-1-r1"}}""",
            input.ToJsonString());
    }
}
