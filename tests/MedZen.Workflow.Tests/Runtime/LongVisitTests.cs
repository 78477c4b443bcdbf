using System.Globalization;
using System.Text;
using MedZen.States.History;
using MedZen.Workflow.Tests.Steps;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>
/// A visit far longer than AWS's 262,144-byte state limit could carry by value: it completes, because the workflow
/// passes the transcript by id, and no history event comes near the limit or repeats the transcript.
/// </summary>
public sealed class LongVisitTests
{
    private const int AwsPayloadLimitBytes = 262_144;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_eleven_thousand_word_visit_completes_with_every_event_within_the_aws_limit()
    {
        var dialogue = SyntheticDialogue(minimumWords: 11_000);
        var transcriptBytes = Encoding.UTF8.GetByteCount(string.Join('\n', dialogue));

        await using var kit = await RuntimeKit.StartAsync();
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "long-1", Ct, dialogue: dialogue);

        var execution = await kit.FinalizeAndWaitAsync("long-1");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.NotNull(await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("long-1", Ct));
        var history = await kit.HistoryAsync(execution.Arn);
        Assert.Contains(history, e => e.Type == "ExecutionSucceeded");
        var largest = history.Select(e => (e.Type, Bytes: Encoding.UTF8.GetByteCount(e.Details?.ToJsonString() ?? ""))).MaxBy(e => e.Bytes);
        Assert.True(largest.Bytes <= AwsPayloadLimitBytes, $"{largest.Type} carries {largest.Bytes} bytes");
        // By reference: no event holds the transcript or the prompt built from it (which numbers every segment).
        Assert.True(largest.Bytes < transcriptBytes / 2, $"{largest.Type} carries {largest.Bytes} bytes, near the transcript's {transcriptBytes}");
        var fetched = history.Single(e => e.Type == "TaskSucceeded" && e.Details!.ToJsonString().Contains("transcriptId", StringComparison.Ordinal)
            && e.Details!.ToJsonString().Contains("segmentCount", StringComparison.Ordinal));
        Assert.DoesNotContain("\\\"segments\\\"", fetched.Details!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(history, e => Assert.DoesNotContain("[seg-2] patient:", e.Details?.ToJsonString() ?? "", StringComparison.Ordinal));
    }

    /// <summary>
    /// A long primary-care conversation assembled from varied clinical sentences (numbers make the turns distinct), at
    /// least <paramref name="minimumWords"/> words, in ClinicalSeed's "speaker|text" form. Built here, never read from a file.
    /// </summary>
    internal static IReadOnlyList<string> SyntheticDialogue(int minimumWords)
    {
        string[] questions =
        [
            "How has the pain in your {0} been since we last spoke about it {1} days ago?",
            "Do you notice the symptoms more in the morning or in the evening, say around {1} o'clock?",
            "Have you measured your blood pressure at home this week, and what were the readings on day {1}?",
            "Are you still taking the medication for your {0} every day, or did you miss any doses?",
            "Has anyone in your family had problems with their {0} before the age of {1}?",
        ];
        string[] answers =
        [
            "The {0} still aches a little, maybe {1} out of ten, mostly after I walk up the stairs at work.",
            "I checked it {1} times and the numbers were a bit lower than before, which made me feel better.",
            "I took the tablets every morning with breakfast except on day {1} when I forgot them at home.",
            "My mother had trouble with her {0} and she needed a small operation when she was about {1}.",
            "It gets worse when I sleep badly, and I slept about {1} hours last night, which is not enough.",
        ];
        string[] parts = ["knee", "lower back", "left shoulder", "stomach", "right ankle", "neck", "chest", "wrist"];
        var lines = new List<string>();
        var words = 0;
        for (var turn = 0; words < minimumWords; turn++)
        {
            var clinician = turn % 2 == 0;
            var templates = clinician ? questions : answers;
            var text = string.Format(CultureInfo.InvariantCulture, templates[turn / 2 % templates.Length], parts[turn / 3 % parts.Length], 2 + turn % 9);
            lines.Add((clinician ? "clinician|" : "patient|") + text);
            words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return lines;
    }
}
