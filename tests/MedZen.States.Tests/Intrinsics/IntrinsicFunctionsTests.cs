using MedZen.States.Errors;
using MedZen.States.Intrinsics;

namespace MedZen.States.Tests.Intrinsics;

public sealed class IntrinsicFunctionsTests
{
    private static string Eval(string expression, string input = "{}") => TestScope.Eval(expression, input);

    private static string Fails(string expression, string input = "{}")
    {
        var e = Assert.Throws<StatesException>(() => TestScope.Eval(expression, input));
        Assert.Equal(StatesErrorNames.IntrinsicFailure, e.ErrorName);
        return e.Cause!;
    }

    [Theory]
    [InlineData("States.Format('x')", true)]
    [InlineData("  States.UUID ( )", true)]
    [InlineData("States.Format", false)]
    [InlineData("$.States.Format('x')", false)]
    [InlineData("States.(1)", false)]
    [InlineData("Format('x')", false)]
    public void RecognisesIntrinsicCalls(string expression, bool expected) =>
        Assert.Equal(expected, IntrinsicFunctions.IsIntrinsic(expression));

    // --- Format ---
    [Fact]
    public void FormatFillsPlaceholdersInOrder() =>
        Assert.Equal("\"a=1, b=true, c=[1, x]\"", Eval("States.Format('a={}, b={}, c={}', 1, true, $.c)", """{"c":[1,"x"]}"""));

    [Fact]
    public void FormatHonoursEscapes() =>
        Assert.Equal("\"{} it's a \\\\ {x}\"", Eval(@"States.Format('\{\} it\'s a \\ \{{}\}', 'x')"));

    [Fact]
    public void FormatTemplateFromPathHasNoEscapes() =>
        Assert.Equal("\"Hello, my name is Arnav.\"", Eval("States.Format($.template, $.name)", """{"template":"Hello, my name is {}.","name":"Arnav"}"""));

    [Fact]
    public void FormatRejectsTooFewValues() =>
        Assert.Equal("Invalid arguments in States.Format: the format string has 2 placeholder(s) but 1 value(s) were given.", Fails("States.Format('{} {}', 1)"));

    [Fact]
    public void FormatRejectsTooManyValues() => Assert.Contains("has 0 placeholder(s) but 1 value(s)", Fails("States.Format('none', 1)"));

    [Fact]
    public void FormatRequiresAStringTemplate() =>
        Assert.Equal("Invalid arguments in States.Format: argument 1 must be a string, but was number.", Fails("States.Format(1)"));

    // --- StringToJson / JsonToString ---
    [Fact]
    public void StringToJsonParses() => Assert.Equal("""{"a":[1,{"b":-1}]}""", Eval("States.StringToJson('{\"a\": [1, {\"b\": -1}]}')"));

    [Fact]
    public void StringToJsonRejectsInvalidJson() => Assert.Contains("not valid JSON", Fails("States.StringToJson('{nope')"));

    [Fact]
    public void StringToJsonRequiresAString() => Assert.Contains("must be a string, but was object", Fails("States.StringToJson($)"));

    [Fact]
    public void JsonToStringKeepsUnicodeReadable() => Assert.Equal("\"{\\\"name\\\":\\\"Zoë\\\"}\"", Eval("States.JsonToString($)", """{"name":"Zoë"}"""));

    [Fact]
    public void JsonToStringTakesExactlyOneArgument() =>
        Assert.Equal("Invalid number of arguments in States.JsonToString: expected exactly 1 argument, but got 2.", Fails("States.JsonToString($, $)"));

    // --- Arrays ---
    [Fact]
    public void ArrayBuildsFromMixedArguments() => Assert.Equal("""[1,-2.5,"s",null,true,{"a":1}]""", Eval("States.Array(1, -2.5, 's', null, true, $)", """{"a":1}"""));

    [Fact]
    public void ArrayPartitionRejectsNonPositiveSize() => Assert.Contains("chunk size must be greater than 0", Fails("States.ArrayPartition($.a, 0)", """{"a":[1]}"""));

    [Fact]
    public void ArrayPartitionRejectsFractionalSize() => Assert.Contains("argument 2 must be an integer, but was number", Fails("States.ArrayPartition($.a, 1.5)", """{"a":[1]}"""));

    [Fact]
    public void ArrayPartitionRequiresAnArray() => Assert.Contains("argument 1 must be an array, but was string", Fails("States.ArrayPartition('x', 1)"));

    [Theory]
    [InlineData("2", "true")]
    [InlineData("{\"a\":[1]}", "true")]
    [InlineData("\"2\"", "false")]
    [InlineData("null", "false")]
    public void ArrayContainsComparesDeeply(string value, string expected) =>
        Assert.Equal(expected, Eval("States.ArrayContains($.a, $.v)", $$"""{"a":[1,2,{"a":[1]}],"v":{{value}}}"""));

    [Theory]
    [InlineData("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("States.ArrayRange(0, 3, 1)", "[0,1,2,3]")]
    [InlineData("States.ArrayRange(5, 1, -2)", "[5,3,1]")]
    [InlineData("States.ArrayRange(5, 1, 1)", "[]")]
    public void ArrayRange(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void ArrayRangeAllowsAThousandItemsAndNoMore()
    {
        Assert.Equal("1000", Eval("States.ArrayLength(States.ArrayRange(1, 1000, 1))"));
        Assert.Equal(
            "Invalid arguments in States.ArrayRange: the range would hold 1001 items, more than the maximum of 1000.",
            Fails("States.ArrayRange(0, 1000, 1)"));
    }

    [Fact]
    public void ArrayRangeRejectsZeroStep() => Assert.Contains("step must not be 0", Fails("States.ArrayRange(1, 2, 0)"));

    [Fact]
    public void ArrayRangeRequiresIntegers() => Assert.Contains("argument 1 must be an integer", Fails("States.ArrayRange(1.5, 2, 1)"));

    [Fact]
    public void ArrayGetItemRejectsIndexOutOfBounds()
    {
        Assert.Equal("Invalid arguments in States.ArrayGetItem: index 3 is out of bounds for an array of length 3.", Fails("States.ArrayGetItem($.a, 3)", """{"a":[1,2,3]}"""));
        Assert.Contains("index -1 is out of bounds", Fails("States.ArrayGetItem($.a, -1)", """{"a":[1,2,3]}"""));
    }

    [Fact]
    public void ArrayLengthRequiresAnArray() => Assert.Contains("must be an array, but was null", Fails("States.ArrayLength($.missing)"));

    [Fact]
    public void ArrayUniqueKeepsFirstOfEachValue() =>
        Assert.Equal("""[1,2,3,4,{"a":1},[null]]""", Eval("States.ArrayUnique($.a)", """{"a":[1,2,2,3,3,4,{"a":1},{"a":1},[null],[null],1]}"""));

    [Fact]
    public void ArrayUniqueRequiresAnArray() => Assert.Contains("must be an array", Fails("States.ArrayUnique('x')"));

    // --- Encoding and hashing ---
    [Fact]
    public void Base64RoundTripsUnicode() => Assert.Equal("\"héllo ✓\"", Eval("States.Base64Decode(States.Base64Encode('héllo ✓'))"));

    [Fact]
    public void Base64EncodeLimitsInputTo10000Characters()
    {
        var exactly = new string('a', 10_000);
        Assert.StartsWith("\"YWFh", Eval("States.Base64Encode($.s)", $$"""{"s":"{{exactly}}"}"""));
        Assert.Equal(
            "Invalid arguments in States.Base64Encode: the input has 10001 characters, more than the maximum of 10000.",
            Fails("States.Base64Encode($.s)", $$"""{"s":"{{exactly}}a"}"""));
    }

    [Fact]
    public void Base64DecodeLimitsInputTo10000Characters() =>
        Assert.Contains("more than the maximum of 10000", Fails("States.Base64Decode($.s)", $$"""{"s":"{{new string('A', 10_004)}}"}"""));

    [Fact]
    public void Base64DecodeRejectsInvalidInput() => Assert.Contains("not a valid Base64", Fails("States.Base64Decode('not base64!')"));

    [Fact]
    public void HashRejectsUnknownAlgorithm() =>
        Assert.Equal(
            "Invalid arguments in States.Hash: the hash algorithm 'SHA-3' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512.",
            Fails("States.Hash('x', 'SHA-3')"));

    [Fact]
    public void HashLimitsInputTo10000Characters() => Assert.Contains("more than the maximum of 10000", Fails("States.Hash($.s, 'MD5')", $$"""{"s":"{{new string('a', 10_001)}}"}"""));

    [Fact]
    public void HashRequiresStringData() => Assert.Contains("argument 1 must be a string, but was number", Fails("States.Hash(1, 'MD5')"));

    // --- JsonMerge ---
    [Fact]
    public void JsonMergeRejectsDeepMerge() => Assert.Contains("deep merging is not supported", Fails("States.JsonMerge($.a, $.b, true)", """{"a":{},"b":{}}"""));

    [Fact]
    public void JsonMergeRequiresObjects() => Assert.Contains("argument 2 must be an object, but was array", Fails("States.JsonMerge($.a, $.b, false)", """{"a":{},"b":[]}"""));

    [Fact]
    public void JsonMergeRequiresBooleanFlag() => Assert.Contains("argument 3 must be a boolean", Fails("States.JsonMerge($.a, $.a, 'false')", """{"a":{}}"""));

    // --- Math ---
    [Fact]
    public void MathRandomUsesTheEngineSource()
    {
        Assert.Equal("1", IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate("States.MathRandom(1, 999)", TestScope.For(random: 0))));
        Assert.Equal("500", IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate("States.MathRandom(1, 999)", TestScope.For(random: 0.5))));
        Assert.Equal("998", IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate("States.MathRandom(1, 999)", TestScope.For(random: 0.999999))));
    }

    [Fact]
    public void MathRandomWithSeedIsDeterministicAndIgnoresTheSource()
    {
        var first = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 42)", TestScope.For(random: 0.1))!.ToJsonString();
        var second = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 42)", TestScope.For(random: 0.9))!.ToJsonString();
        var other = IntrinsicFunctions.Evaluate("States.MathRandom(1, 1000000, 7)", TestScope.For(random: 0.1))!.ToJsonString();
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.InRange(long.Parse(first, System.Globalization.CultureInfo.InvariantCulture), 1, 999_999);
    }

    [Fact]
    public void MathRandomRoundsBounds() =>
        Assert.Equal("2", IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate("States.MathRandom(1.5, 2.6)", TestScope.For(random: 0))));

    [Fact]
    public void MathRandomRejectsEmptyRange() => Assert.Contains("end (5) must be greater than the start (5)", Fails("States.MathRandom(5, 5)"));

    [Fact]
    public void MathRandomArity() =>
        Assert.Equal("Invalid number of arguments in States.MathRandom: expected 2 to 3 arguments, but got 1.", Fails("States.MathRandom(1)"));

    [Fact]
    public void MathAddRequiresNumbers() => Assert.Contains("argument 2 must be a number, but was string", Fails("States.MathAdd(1, '2')"));

    // --- StringSplit and UUID ---
    [Theory]
    [InlineData("States.StringSplit('1,2,3,4,5', ',')", """["1","2","3","4","5"]""")]
    [InlineData("States.StringSplit('This.is+a,test=string', '.+,=')", """["This","is","a","test","string"]""")]
    [InlineData("States.StringSplit('a,,b,', ',')", """["a","b"]""")]
    [InlineData("States.StringSplit('', ',')", "[]")]
    public void StringSplitSplitsOnAnyDelimiterCharacter(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void StringSplitRequiresStrings() => Assert.Contains("argument 1 must be a string", Fails("States.StringSplit(1, ',')"));

    [Fact]
    public void UuidComesFromTheEngine() =>
        Assert.Equal(
            "\"0f8fad5b-d9cb-469f-a165-70867728950e\"",
            IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate("States.UUID()", TestScope.For(uuid: Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")))));

    [Fact]
    public void UuidTakesNoArguments() => Assert.Contains("expected exactly 0 arguments, but got 1", Fails("States.UUID(1)"));

    // --- Syntax and names ---
    [Fact]
    public void UnknownFunctionIsNamed() => Assert.Equal("Unknown intrinsic function 'States.Nope'.", Fails("States.Nope(1)"));

    [Theory]
    [InlineData("States.Format('unterminated)", "unterminated string literal at position 14")]
    [InlineData("States.Array(1 2)", "expected ',' at position 15")]
    [InlineData("States.Array(1) extra", "unexpected text after the closing parenthesis")]
    [InlineData("States.Array(nope)", "expected a string, number, boolean, null, path or intrinsic function")]
    public void SyntaxErrorsSayWhereAndWhat(string expression, string problem) => Assert.Contains(problem, Fails(expression));

    [Fact]
    public void NestingIsLimitedToTen()
    {
        static string Nest(int depth) => depth == 1 ? "States.Array(1)" : $"States.Array({Nest(depth - 1)})";
        Assert.Equal("[[[[[[[[[[1]]]]]]]]]]", Eval(Nest(10)));
        Assert.Contains("nested at most 10 deep", Fails(Nest(11)));
    }

    [Fact]
    public void PathArgumentsMayHoldBracketsAndCommas() =>
        Assert.Equal("[3,\"v\"]", Eval("States.Array($.a[2], $.b)", """{"a":[1,2,3],"b":"v"}"""));

    [Fact]
    public void VariablesAreResolvedThroughTheScope() =>
        Assert.Equal("\"Format Func v\"", TestScope.Eval("States.Format('Format Func {}', $varname.field)", variables: new Dictionary<string, string> { ["varname"] = """{"field":"v"}""" }));

    [Fact]
    public void PathFailuresKeepTheScopesError()
    {
        var e = Assert.Throws<StatesException>(() => TestScope.Eval("States.Array($undefinedVar)"));
        Assert.Equal(StatesErrorNames.Runtime, e.ErrorName);
    }

    [Fact]
    public void ValidateChecksNamesAndArityWithoutEvaluating()
    {
        Assert.Null(IntrinsicFunctions.Validate("States.ArrayGetItem(States.StringSplit($.a, ','), 0)"));
        Assert.Contains("States.ArrayLength", IntrinsicFunctions.Validate("States.Array(States.ArrayLength())"));
        Assert.Contains("Unknown intrinsic function", IntrinsicFunctions.Validate("States.Foo()"));
        Assert.Contains("is invalid", IntrinsicFunctions.Validate("States.Array("));
    }

    [Fact]
    public void EveryAwsIntrinsicIsDefined() =>
        Assert.Equal(
            [
                "States.Array", "States.ArrayContains", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayPartition",
                "States.ArrayRange", "States.ArrayUnique", "States.Base64Decode", "States.Base64Encode", "States.Format",
                "States.Hash", "States.JsonMerge", "States.JsonToString", "States.MathAdd", "States.MathRandom",
                "States.StringSplit", "States.StringToJson", "States.UUID",
            ],
            IntrinsicLibrary.Functions.Keys.Order(StringComparer.Ordinal));
}
