using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Tests.Normalization;

public sealed class ScribeCommandsTests
{
    [Theory]
    [InlineData("hey , dragon , finalize the note .", ScribeInstructionKind.Finalize, "the note", "")]
    [InlineData("hey , dragon ? show me the blood pressure . yeah , so your blood pressure is fine .", ScribeInstructionKind.Show, "the blood pressure", "yeah , so your blood pressure is fine .")]
    [InlineData("okay . hey , dragon ? order a refill of protonix 40 milligrams daily . okay .", ScribeInstructionKind.Order, "a refill of protonix 40 milligrams daily", "okay . okay .")]
    [InlineData("next patient is john doe , date of birth is january 13th , 1982 .", ScribeInstructionKind.NextPatient, "john doe , date of birth is january 13th , 1982", "")]
    [InlineData("she has had knee pain for two weeks . please put under interval history .", ScribeInstructionKind.PlaceInSection, "interval history", "she has had knee pain for two weeks .")]
    [InlineData("paragraph , plan . i suspect this is a flare .", ScribeInstructionKind.PlaceInSection, "plan", "i suspect this is a flare .")]
    [InlineData("deep tendon reflex is one plus . can you please include the surgical list ?", ScribeInstructionKind.Other, "the surgical list", "deep tendon reflex is one plus .")]
    public void Instructions_are_structure_not_content(string utterance, ScribeInstructionKind kind, string? argument, string content)
    {
        var parse = ScribeCommands.Parse(utterance);
        var instruction = Assert.Single(parse.Instructions);
        Assert.Equal(kind, instruction.Kind);
        Assert.Equal(argument, instruction.Argument);
        Assert.Equal(content, parse.Content);
    }

    [Theory]
    [InlineData("so , i know the nurse told you about dax . i'd like to tell dax a little bit about you .")]
    [InlineData("when was your last menstrual period ?")]
    [InlineData("let me put that into the system , and then downstairs they can do the ultrasound .")]
    public void Ordinary_speech_is_not_an_instruction(string utterance)
    {
        var parse = ScribeCommands.Parse(utterance);
        Assert.Empty(parse.Instructions);
        Assert.Equal(utterance, parse.Content);
    }

    [Fact]
    public void A_wake_word_before_dictation_keeps_the_dictation()
    {
        var parse = ScribeCommands.Parse("hey , dragon , i'm seeing ms. hill . she's a 41-year-old female .");
        Assert.Single(parse.Instructions);
        Assert.Contains("41-year-old female", parse.Content, StringComparison.Ordinal);
    }
}
