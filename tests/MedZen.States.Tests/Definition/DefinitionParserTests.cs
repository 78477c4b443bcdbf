using MedZen.States.Definition;

namespace MedZen.States.Tests.Definition;

public sealed class DefinitionParserTests
{
    [Fact]
    public void Collects_every_error_with_its_path()
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse("""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"Missing"},
              "B":{"Type":"Task","End":true},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"one","Next":"A"}]},
              "D":{"Type":"Bogus","End":true}}}
            """));
        Assert.Contains(e.Errors, x => x.Code == DefinitionParser.MissingTransitionTarget && x.Path == "/States/A/Next");
        Assert.Contains(e.Errors, x => x.Code == DefinitionParser.SchemaValidationFailed && x.Path == "/States/B/Resource");
        Assert.Contains(e.Errors, x => x.Path == "/States/C/Choices[0]/NumericEquals");
        Assert.Contains(e.Errors, x => x.Path == "/States/D/Type");
    }

    [Fact]
    public void Unknown_task_resource_is_an_error_when_a_registry_is_given()
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::nope:call","End":true}}}""", _ => false));
        Assert.Contains(e.Errors, x => x.Code == DefinitionParser.InvalidResource && x.Path == "/States/T/Resource");
    }

    [Fact]
    public void Unreachable_states_and_bad_retriers_are_reported()
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse("""
            {"StartAt":"A","States":{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}],
               "Retry":[{"ErrorEquals":["States.ALL","E"],"BackoffRate":0.5,"JitterStrategy":"SOME"}]},
              "Lonely":{"Type":"Succeed"}}}
            """));
        Assert.Contains(e.Errors, x => x.Code == DefinitionParser.UnreachableState && x.Path == "/States/Lonely");
        Assert.Contains(e.Errors, x => x.Path == "/States/A/Retry[0]/BackoffRate");
        Assert.Contains(e.Errors, x => x.Path == "/States/A/Retry[0]/JitterStrategy");
        Assert.Contains(e.Errors, x => x.Path == "/States/A/Retry[0]/ErrorEquals");
    }

    [Fact]
    public void States_ALL_must_be_the_last_catcher()
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true,
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"S"},{"ErrorEquals":["E"],"Next":"S"}]},"S":{"Type":"Succeed"}}}
            """));
        Assert.Contains(e.Errors, x => x.Path == "/States/T/Catch[0]/ErrorEquals");
    }

    [Fact]
    public void Parses_both_query_languages_and_legacy_iterator()
    {
        var d = DefinitionParser.Parse("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [1,2] %}",
              "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}},"Output":"{% $states.result %}","End":true}}}
            """);
        var map = Assert.IsType<MapState>(d.Graph["M"]);
        Assert.Equal(QueryLanguage.Jsonata, map.QueryLanguage);
        Assert.Equal("P", map.Processor.StartAt);
        var bad = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse(
            """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONPath","InputPath":"$","End":true}}}"""));
        Assert.Contains(bad.Errors, x => x.Path == "/States/P/QueryLanguage");
    }
}
