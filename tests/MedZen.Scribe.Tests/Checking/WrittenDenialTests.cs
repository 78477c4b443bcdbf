using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 11: the ways a written note denies that speech does not use. A review-of-systems list "Negative dysphagia,
/// negative nausea" and a field "Hip pain: None." deny what they name; a test called negative ("Negative Homan's sign",
/// "McMurray's test: negative", "negative margins") is a result, not an absence.
/// </summary>
public sealed class WrittenDenialTests
{
    private static readonly Transcript Review = TaggedTextTranscriptReader.Read("""
        [doctor] any trouble swallowing ?
        [patient] no .
        [doctor] any nausea or vomiting ?
        [patient] no , none of that .
        [doctor] and pain in the hip or back ?
        [patient] no .
        [doctor] do you drink alcohol ?
        [patient] no , never .
        [doctor] any cough ?
        [patient] yes , a dry cough for a week .
        """);

    [Fact]
    public void A_list_item_opening_with_negative_denies_what_it_names()
    {
        Supported(Review, "Negative dysphagia, negative nausea, negative vomiting.", StatementSection.Subjective);
        Flagged(Review, "Negative cough.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void A_field_whose_value_is_none_denies_its_label()
    {
        Supported(Review, "Hip pain: None.", StatementSection.Subjective);
        Supported(Review, "Alcohol: denies.", StatementSection.Subjective);
        Flagged(Review, "Cough: None.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Knee = TaggedTextTranscriptReader.Read("""
        [doctor] on exam of your knee there is no effusion . you have a negative mcmurray's test and negative varus and valgus stress test .
        [doctor] no calf tenderness negative homans sign .
        """);

    [Fact]
    public void A_test_called_negative_is_a_result_not_an_absence()
    {
        Supported(Knee, "Negative varus and valgus stress test.", StatementSection.Objective);
        Supported(Knee, "McMurray's test: negative.", StatementSection.Objective);
        Supported(Knee, "Negative Homan's sign.", StatementSection.Objective);
    }
}
