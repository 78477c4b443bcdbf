using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The typed template values written in CloudFormation's own JSON form.</summary>
public sealed class CfnValueTests
{
    public static TheoryData<CfnValue, string> Values => new()
    {
        { new CfnRef("Queue"), """{"Ref":"Queue"}""" },
        { new CfnGetAtt("Queue", "Arn"), """{"Fn::GetAtt":["Queue","Arn"]}""" },
        { new CfnSub("${NamePrefix}-x"), """{"Fn::Sub":"${NamePrefix}-x"}""" },
        { new CfnIf("On", new CfnRef("AWS::NoValue"), 0), """{"Fn::If":["On",{"Ref":"AWS::NoValue"},0]}""" },
        { new CfnEquals(new CfnRef("Switch"), "true"), """{"Fn::Equals":[{"Ref":"Switch"},"true"]}""" },
        { new CfnList(["a", 1, true]), """["a",1,true]""" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_written_as_CloudFormation_spells_it(CfnValue value, string json) =>
        Assert.Equal(json, value.ToJson());

    [Fact]
    public void Lists_with_the_same_items_are_equal() =>
        Assert.Equal(new CfnList(["a", new CfnRef("B")]), new CfnList(["a", new CfnRef("B")]));

    [Fact]
    public void Unset_optional_properties_are_left_out()
    {
        var template = new CloudFormationTemplate
        {
            Description = "d",
            Parameters = new Dictionary<string, TemplateParameter> { ["P"] = new() { Type = "String", Description = "p" } },
            Resources = new Dictionary<string, Resource> { ["T"] = new(new SnsTopic("t")) },
        };

        Assert.Equal(
            """
            {
             "AWSTemplateFormatVersion": "2010-09-09",
             "Description": "d",
             "Parameters": {
              "P": {
               "Type": "String",
               "Description": "p"
              }
             },
             "Resources": {
              "T": {
               "Type": "AWS::SNS::Topic",
               "Properties": {
                "TopicName": "t"
               }
              }
             }
            }

            """.ReplaceLineEndings("\n"),
            MedZen.Aws.Deployment.SoapWorkflowTemplate.Serialize(template));
    }
}
