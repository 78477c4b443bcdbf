using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Tests.History;

public sealed class AwsHistoryTests
{
    private static HistoryEvent E(long id, long previous, string type) =>
        new(id, previous, DateTimeOffset.UnixEpoch, type, new JsonObject());

    [Fact]
    public void Internal_events_are_dropped_and_ids_renumbered_contiguously_with_links_skipping_them()
    {
        var stored = new[]
        {
            E(1, 0, HistoryEventTypes.ExecutionStarted),
            E(2, 1, "TaskStateEntered"),
            E(3, 2, HistoryEventTypes.TaskFailed),
            E(4, 3, HistoryEventTypes.EngineRetryScheduled),
            E(5, 4, HistoryEventTypes.TaskScheduled),
            E(6, 5, HistoryEventTypes.EngineRetryScheduled),
            E(7, 6, HistoryEventTypes.EngineRetryScheduled),
            E(8, 7, HistoryEventTypes.TaskSucceeded),
        };
        var visible = AwsHistory.Visible(stored);
        Assert.Equal([1L, 2, 3, 4, 5], visible.Select(e => e.Id));
        Assert.Equal([0L, 1, 2, 3, 4], visible.Select(e => e.PreviousEventId));
        Assert.Equal(HistoryEventTypes.TaskSucceeded, visible[^1].Type);
        Assert.Equal(5, AwsHistory.VisibleId(8, [4, 6, 7]));
    }
}
