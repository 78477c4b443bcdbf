using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

public sealed class WriterModelTests
{
    [Fact]
    public void Committed_model_keeps_only_words_seen_in_at_least_three_training_visits()
    {
        var visits = SharedData.AciBench("train");
        var visitsPerWord = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var visit in visits)
        {
            var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
            var spoken = DialogueSentenceSplitter.Split(transcript, PatientPronouns.Detect(transcript))
                .SelectMany(WriterModel.Features)
                .Where(f => f.StartsWith("w=", StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var word in spoken)
            {
                visitsPerWord[word] = visitsPerWord.GetValueOrDefault(word) + 1;
            }
        }

        var model = WriterModel.Default;
        var words = model.Relevance.Keys.Concat(model.SectionLikelihoods.Keys).Where(f => f.StartsWith("w=", StringComparison.Ordinal)).ToList();
        Assert.True(words.Count > 500);
        Assert.All(words, w => Assert.True(visitsPerWord.GetValueOrDefault(w) >= 3, $"{w} is too rare to keep"));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var visits = SharedData.AciBench("train").Take(8).Select(v => new TrainingVisit(v.Dialogue, v.Note)).ToList();
        var first = WriterModelTrainer.Train(visits).ToJson();
        var second = WriterModelTrainer.Train(visits).ToJson();
        Assert.Equal(first, second);
        var model = WriterModel.FromJson(first);
        Assert.InRange(model.Threshold, 0.25, 0.55);
        Assert.Equal(NoteSections.All.Length, model.Sections.Count);
    }
}

public sealed class ShortExchangeThresholdTests
{
    private static Transcript Turns(int count, string text) =>
        new(Enumerable.Range(0, count).Select(i => new TranscriptSegment($"s{i}", i % 2 == 0 ? SpeakerRole.Clinician : SpeakerRole.Patient, text)).ToList());

    [Fact]
    public void A_short_exchange_gets_its_own_threshold_and_a_full_visit_its_styles()
    {
        var model = new WriterModel { Threshold = 0.4, UnpunctuatedThreshold = 0.35, ShortExchangeThreshold = 0.1 };
        var exchange = Turns(4, "Any cough or fever? No, none of that.");
        var visit = Turns(60, "Any cough or fever at all lately? No, none of that, and my breathing has been fine.");

        Assert.Equal(0.1, model.ThresholdFor(exchange));
        Assert.Equal(0.4, model.ThresholdFor(visit));
        Assert.Equal(0.4, new WriterModel { Threshold = 0.4 }.ThresholdFor(exchange));
    }
}
