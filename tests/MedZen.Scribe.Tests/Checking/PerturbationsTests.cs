using MedZen.Scribe.Checking.Benchmark;

namespace MedZen.Scribe.Tests.Checking;

public sealed class PerturbationsTests
{
    [Theory]
    [InlineData("She denies chest pain.", "She reports chest pain.")]
    [InlineData("No fever.", "Fever.")]
    [InlineData("She is not taking aspirin.", "She is taking aspirin.")]
    [InlineData("She reports nasal congestion.", "She denies nasal congestion.")]
    [InlineData("The knee is swollen.", "The knee is not swollen.")]
    public void Negation_flips(string text, string flipped) => Assert.Equal(flipped, Perturbations.FlipNegation(text));

    [Fact]
    public void A_changed_number_is_one_the_dialogue_never_says() =>
        Assert.Equal("Lisinopril 30 mg daily.", Perturbations.ChangeNumber("Lisinopril 20 mg daily.", new HashSet<string> { "20", "40" }));

    [Fact]
    public void Sides_swap() => Assert.Equal("Right knee pain, left ankle fine.", Perturbations.SwapSide("Left knee pain, right ankle fine."));

    [Theory]
    [InlineData("She says her knee hurts.", "He says his knee hurts.")]
    [InlineData("We told her to rest.", "We told him to rest.")]
    [InlineData("His wife says she is worried.", null)]
    public void Pronouns_swap(string text, string? swapped) => Assert.Equal(swapped, Perturbations.SwapPronouns(text));

    [Fact]
    public void Another_drug_is_one_the_dialogue_never_names()
    {
        var changed = Perturbations.OtherDrug("Continue Lasix 20 mg daily.", new HashSet<string> { "furosemide" }, 3);
        Assert.NotNull(changed);
        Assert.DoesNotContain("Lasix", changed, StringComparison.Ordinal);
        Assert.EndsWith(" 20 mg daily.", changed, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_notes_split_into_sections()
    {
        var statements = ReferenceNoteStatements.Split("""
            CHIEF COMPLAINT

            Knee pain.

            PHYSICAL EXAM

            • Cardiovascular: Regular rate. No murmurs.

            ASSESSMENT AND PLAN

            Osteoarthritis.
            • Medical Reasoning: Mr. Smith has knee arthritis.
            • Medical Treatment: Start meloxicam 15 mg daily.

            INSTRUCTIONS

            Return in 2 weeks.
            """);
        Assert.Equal(
            [
                ("Knee pain.", "Subjective"), ("Regular rate.", "Objective"), ("No murmurs.", "Objective"), ("Osteoarthritis.", "Assessment"),
                ("Mr. Smith has knee arthritis.", "Assessment"), ("Start meloxicam 15 mg daily.", "Plan"), ("Return in 2 weeks.", "Instructions"),
            ],
            statements.Select(s => (s.Text, s.Section.ToString())).ToList());
    }
}
