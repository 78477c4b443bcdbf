using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Tests.Normalization;

public sealed class ClinicalNormalizerTests
{
    [Theory]
    [InlineData("her blood pressure was one twenty eight over eighty eight .", "her blood pressure was 128/88.")]
    [InlineData("take twenty five milligrams daily", "take 25 mg daily")]
    [InlineData("lisinopril 20 5 milligrams", "lisinopril 25 mg")]
    [InlineData("aspirin eighty 1 milligrams", "aspirin 81 mg")]
    [InlineData("temperature was ninety eight point six", "temperature was 98.6")]
    [InlineData("one hundred and ten pounds", "110 lb")]
    [InlineData("a hundred pounds", "100 lb")]
    [InlineData("metformin 1,000 mg twice a day", "metformin 1000 mg twice a day")]
    [InlineData("two thousand five hundred steps", "2500 steps")]
    [InlineData("back in nineteen ninety", "back in 1990")]
    [InlineData("since twenty twenty one", "since 2021")]
    [InlineData("oxygen is ninety eight percent", "oxygen is 98%")]
    [InlineData("the left one hurts", "the left one hurts")]
    [InlineData("one tablet at night", "1 tablet at night")]
    [InlineData("point five milligrams", "0.5 mg")]
    [InlineData("one point five centimeters", "1.5 cm")]
    [InlineData("a pulse of seventy two", "a pulse of 72")]
    [InlineData("40mg of protonix", "40 mg of protonix")]
    [InlineData("lost five over two weeks", "lost 5 over 2 weeks")]
    [InlineData("your temperature is ninety eight . two your pulse is seventy two", "your temperature is 98.2 your pulse is 72")]
    [InlineData("naprosyn five hundred five hundred milligrams twice a day", "naprosyn 500 500 mg twice a day")]
    [InlineData("a normal temperature at ninety eight . four which is good", "a normal temperature at 98.4 which is good")]
    [InlineData("he weighs ninety eight . two of them came", "he weighs 98. 2 of them came")]
    [InlineData("the temperature is ninety eight . twenty two people", "the temperature is 98. 22 people")]
    [InlineData("your a1c was a little bit higher at seven . three and you're on metformin", "your a1c was a little bit higher at 7.3 and you're on metformin")]
    [InlineData("your a1c was seven . three months ago it was eight", "your a1c was 7.3 months ago it was 8")]
    [InlineData("we checked it at seven . three of them were fine", "we checked it at 7. 3 of them were fine")]
    // A full stop for the spoken "point" is a decimal only before a unit; a half is said as a word.
    [InlineData("add aldactone twelve . five milligrams daily", "add aldactone 12.5 mg daily")]
    [InlineData("clobetasol that's a zero . zero five percent solution", "clobetasol that's a 0.05% solution")]
    [InlineData("i counted twelve . five of them were fine", "i counted 12. 5 of them were fine")]
    [InlineData("you're on two . five of norvasc for your blood pressure", "you're on 2.5 of norvasc for your blood pressure")]
    [InlineData("it does show a . five centimeter kidney stone", "it does show a 0.5 cm kidney stone")]
    [InlineData("that was it . five milligrams is fine", "that was it. 5 mg is fine")]
    [InlineData("two and a half milligram pills", "2.5 mg pills")]
    [InlineData("about a year and a half ago", "about 1.5 years ago")]
    [InlineData("up to a pack and a half a day", "up to 1.5 packs a day")]
    [InlineData("one cc with a half a cc of lidocaine", "1 ml with a 0.5 ml of lidocaine")]
    [InlineData("half a tablet at night", "0.5 tablet at night")]
    [InlineData("half an hour later", "half an hour later")]
    [InlineData("trending in the three to four hundreds the last two weeks", "trending in the 300 to 400 the last 2 weeks")]
    [InlineData("you are not running a fever so that's great look at ninety seven . two", "you are not running a fever so that's great look at 97.2")]
    [InlineData("a spike at like five or six hundred", "a spike at like 500 or 600")]
    [InlineData("one or two of them , a hundred", "one or 2 of them, 100")]
    [InlineData("your creatinine was .7 not .8", "your creatinine was 0.7 not 0.8")]
    [InlineData("it was fine . 7 of them", "it was fine. 7 of them")]
    [InlineData("half a dozen and a half-hearted try", "half a dozen and a half-hearted try")]
    public void Spoken_numbers_and_units_are_written(string spoken, string written) =>
        Assert.Equal(written, ClinicalNormalizer.Normalize(spoken));

    [Theory]
    [InlineData("um , i , i just love this weather .", "i just love this weather.")]
    [InlineData("i do n't have any pain", "i do not have any pain")]
    [InlineData("i can't sleep", "i can not sleep")]
    [InlineData("i wo n't", "i will not")]
    [InlineData("i'm gon na order it", "i'm going to order it")]
    [InlineData("mm-hmm .", "yes.")]
    [InlineData("nope , not really", "no, not really")]
    [InlineData("anything like that w- ... okay", "anything like that okay")]
    [InlineData("i want , i want you to rest", "i want you to rest")]
    [InlineData("and , you know , it hurts", "and, it hurts")]
    [InlineData("no , no issues", "no, no issues")]
    public void Disfluencies_and_contractions_are_cleaned(string spoken, string written) =>
        Assert.Equal(written, ClinicalNormalizer.Normalize(spoken));

    [Theory]
    [InlineData("BP 128/88", "blood pressure 128/88")]
    [InlineData("continue Protonix 40 mg daily", "continue pantoprazole 40 mg daily")]
    [InlineData("increase her lasix to forty milligrams", "increase her furosemide to 40 mg")]
    [InlineData("History of HTN and CHF", "history of hypertension and congestive heart failure")]
    [InlineData("ibuprofen 600 mg TID PRN", "ibuprofen 600 mg three times daily as needed")]
    public void Comparison_tokens_spell_out_abbreviations_and_use_generic_names(string text, string tokens) =>
        Assert.Equal(tokens, string.Join(' ', ClinicalNormalizer.ComparisonTokens(text)));

    [Theory]
    [InlineData("Lasix", "furosemide")]
    [InlineData("protonix", "pantoprazole")]
    [InlineData("metformin", "metformin")]
    [InlineData("Ultram", "tramadol")]
    [InlineData("walking", null)]
    public void Drug_names_map_to_their_generic(string name, string? generic) =>
        Assert.Equal(generic, DrugNames.Generic(name));
}
