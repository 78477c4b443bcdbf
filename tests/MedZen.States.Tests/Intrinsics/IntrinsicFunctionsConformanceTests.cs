namespace MedZen.States.Tests.Intrinsics;

/// <summary>
/// Expressions, inputs and outputs as AWS returned them for Pass states using intrinsics
/// (transcribed from the conformance corpus, volatile ARNs replaced by plain values).
/// </summary>
public sealed class IntrinsicFunctionsConformanceTests
{
    private const string Fst = "$.FunctionInput.fst";
    private const string Snd = "$.FunctionInput.snd";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "States.Array()", """{"FunctionInput":"HelloWorld"}""", "[]" },
        { $"States.Array({Fst}, {Snd})", """{"FunctionInput":{"fst":"","snd":""}}""", """["",""]""" },
        { $"States.Array({Fst}, {Snd})", """{"FunctionInput":{"fst":null,"snd":null}}""", "[null,null]" },
        { $"States.Array({Fst}, {Snd})", """{"FunctionInput":{"fst":1.1,"snd":1}}""", "[1.1,1]" },
        { $"States.Array({Fst}, {Snd})", """{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":"{\"Arg1\": 1}"}}""", """[{"Arg1":1,"Arg2":[]},"{\"Arg1\": 1}"]""" },
        { $"States.ArrayGetItem({Fst}, {Snd})", """{"FunctionInput":{"fst":[1,2,3,4,5,6,7,8,9],"snd":5}}""", "6" },
        { "States.ArrayLength($.FunctionInput)", """{"FunctionInput":[1,2,3,4,5,6,7,8,9]}""", "9" },
        { "States.ArrayLength($.FunctionInput)", """{"FunctionInput":[null,null,true,true,false,false,1,1,1.1,0,0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":1}]}""", "20" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[],"snd":1}}""", "[]" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[0],"snd":5}}""", "[[0]]" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[0,1],"snd":1}}""", "[[0],[1]]" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[0,1,2],"snd":2}}""", "[[0,1],[2]]" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[0,1,2,3],"snd":3}}""", "[[0,1,2],[3]]" },
        { $"States.ArrayPartition({Fst}, {Snd})", """{"FunctionInput":{"fst":[0,1,2,3],"snd":4}}""", "[[0,1,2,3]]" },
        { "States.Base64Decode($.FunctionInput)", """{"FunctionInput":""}""", "\"\"" },
        { "States.Base64Decode($.FunctionInput)", """{"FunctionInput":"RGF0YSB0byBlbmNvZGU="}""", "\"Data to encode\"" },
        { "States.Base64Encode($.FunctionInput)", """{"FunctionInput":""}""", "\"\"" },
        { "States.Base64Encode($.FunctionInput)", """{"FunctionInput":"Data to encode"}""", "\"RGF0YSB0byBlbmNvZGU=\"" },
        { "States.StringSplit('Hello\nWorld', '\n')", "{}", """["Hello","World"]""" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":""}""", "\"Formatting argument .\"" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":" "}""", "\"Formatting argument  .\"" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":null}""", "\"Formatting argument null.\"" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":1}""", "\"Formatting argument 1.\"" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":1.1}""", "\"Formatting argument 1.1.\"" },
        { "States.Format('Formatting argument {}.', $.FunctionInput)", """{"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"}""", "\"Formatting argument {\\\"Arg1\\\": 1, \\\"Arg2\\\": []}.\"" },
        { $"States.Format('Formatting arguments fst={{}} and snd={{}}.', {Fst}, {Snd})", """{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":{"Arg1":1,"Arg2":[]}}}""", "\"Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.\"" },
        { $"States.Format('Formatting arguments fst={{}} and snd={{}}.', {Fst}, {Snd})", """{"FunctionInput":{"fst":"HelloWorld","snd":null}}""", "\"Formatting arguments fst=HelloWorld and snd=null.\"" },
        { $"States.Hash({Fst}, {Snd})", """{"FunctionInput":{"fst":"input data","snd":"MD5"}}""", "\"812f45842bc6d66ee14572ce20db8e86\"" },
        { $"States.Hash({Fst}, {Snd})", """{"FunctionInput":{"fst":"input data","snd":"SHA-1"}}""", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"" },
        { $"States.Hash({Fst}, {Snd})", """{"FunctionInput":{"fst":"input data","snd":"SHA-256"}}""", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"" },
        { $"States.Hash({Fst}, {Snd})", """{"FunctionInput":{"fst":"input data","snd":"SHA-384"}}""", "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562\"" },
        { $"States.Hash({Fst}, {Snd})", """{"FunctionInput":{"fst":"input data","snd":"SHA-512"}}""", "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\"" },
        { $"States.JsonMerge({Fst}, {Snd}, false)", """{"FunctionInput":{"fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},"snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}}}""", """{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}""" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":null}""", "\"null\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":0}""", "\"0\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":1.1}""", "\"1.1\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":true}""", "\"true\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":"HelloWorld"}""", "\"\\\"HelloWorld\\\"\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":[1,2,"HelloWorld"]}""", "\"[1,2,\\\"HelloWorld\\\"]\"" },
        { "States.JsonToString($.FunctionInput)", """{"FunctionInput":{"Arg1":1,"Arg2":[]}}""", "\"{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}\"" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":""}""", "null" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":" "}""", "null" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"null"}""", "null" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"-0"}""", "0" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"1.1"}""", "1.1" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"true"}""", "true" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"\"HelloWorld\""}""", "\"HelloWorld\"" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"[1, 2, \"HelloWorld\"]"}""", """[1,2,"HelloWorld"]""" },
        { "States.StringToJson($.FunctionInput)", """{"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"}""", """{"Arg1":1,"Arg2":[]}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesAws(string expression, string input, string expected) =>
        Assert.Equal(expected, TestScope.Eval(expression, input));

    /// <summary>AWS rounds each MathAdd argument half up (Java's Math.round) before adding.</summary>
    [Theory]
    [InlineData(-9, 3, -6)]
    [InlineData(1.49, 1.5, 3)]
    [InlineData(1.5, 1.51, 4)]
    [InlineData(-1.49, -1.5, -2)]
    [InlineData(-1.5, -1.51, -3)]
    [InlineData(1.49, 0, 1)]
    [InlineData(1.49, -1.49, 0)]
    [InlineData(1.5, 0, 2)]
    [InlineData(1.51, 0, 2)]
    [InlineData(-1.49, 0, -1)]
    [InlineData(-1.5, 0, -1)]
    [InlineData(-1.51, 0, -2)]
    [InlineData(0.5, 0, 1)]
    [InlineData(2.5, 0, 3)]
    [InlineData(3.5, 0, 4)]
    [InlineData(-0.5, 0.5, 1)]
    [InlineData(-0.5, 0, 0)]
    [InlineData(-2.5, 0, -2)]
    [InlineData(-3.5, 0, -3)]
    public void MathAddRoundsLikeAws(double first, double second, long expected)
    {
        var fst = first.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var snd = second.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var input = "{\"FunctionInput\":{\"fst\":" + fst + ",\"snd\":" + snd + "}}";
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), TestScope.Eval($"States.MathAdd({Fst}, {Snd})", input));
    }

    [Fact]
    public void ContextPathsAndNestedCalls()
    {
        const string Context = """{"Execution":{"Name":"exec-1"},"StateMachine":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:my-machine","Name":"my-machine"}}""";
        Assert.Equal(
            "\"Formatting arguments fst=exec-1 and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:my-machine, Name=my-machine}.\"",
            TestScope.Eval("States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)", context: Context));
        Assert.Equal("\"my\"", TestScope.Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", context: Context));
        Assert.Equal(
            "\"machine\"",
            TestScope.Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))", context: Context));
    }

    [Fact]
    public void JsonMergeOfEscapedLiteralAndContextInput() =>
        Assert.Equal(
            """{"constant_in_literal":"false","constant_input_field":"constant_value"}""",
            TestScope.Eval(
                """States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)""",
                context: """{"Execution":{"Input":{"input_field":{"constant_input_field":"constant_value"}}}}"""));
}
