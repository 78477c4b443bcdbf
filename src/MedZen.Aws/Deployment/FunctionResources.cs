using System.Text.Json.Nodes;

namespace MedZen.Aws.Deployment;

/// <summary>The six <c>provided.al2023</c> functions, one role each, allowed to read only their own secrets (and the generate function to invoke only the stack's model).</summary>
internal static class FunctionResources
{
    public static void AddTo(JsonObject resources)
    {
        foreach (var spec in LambdaFunctionSpecs.All)
        {
            resources[LogicalIds.FunctionRole(spec.Handler)] = Role(spec);
            resources[LogicalIds.Function(spec.Handler)] = Function(spec);
        }
    }

    private static JsonObject Function(LambdaFunctionSpec spec)
    {
        var variables = new JsonObject
        {
            ["DAILY_TRANSCRIPTION_BUDGET_USD"] = Cfn.Ref(ParameterNames.DailyBudgetUsd),
            ["MEDZEN_SESSIONS_TABLE"] = Cfn.Ref(LogicalIds.SessionsTable),
            ["MEDZEN_SOAP_NOTES_TABLE"] = Cfn.Ref(LogicalIds.SoapNotesTable),
        };
        foreach (var secret in spec.SecretLogicalIds)
        {
            variables[LambdaFunctionSpecs.SecretArnVariable(secret)] = Cfn.Ref(secret); // a secret's Ref is its ARN
        }

        if (spec.InvokesModel)
        {
            // Bound as MedZen:Model (ModelOptions): Bedrock in the function's region, credentials from its role.
            variables["MedZen__Model__Provider"] = "Bedrock";
            variables["MedZen__Model__ModelId"] = Cfn.Ref(ParameterNames.BedrockModelId);
        }

        var properties = new JsonObject
        {
            ["FunctionName"] = Cfn.Sub($"${{NamePrefix}}-{spec.Handler}"),
            ["Description"] = spec.Description,
            ["Runtime"] = "provided.al2023",
            ["Handler"] = spec.Handler,
            ["Architectures"] = new JsonArray(Cfn.Ref(ParameterNames.Architecture)),
            ["Code"] = new JsonObject
            {
                ["S3Bucket"] = Cfn.Ref(ParameterNames.CodeS3Bucket),
                ["S3Key"] = Cfn.Ref(ParameterNames.CodeS3Key),
            },
            ["Role"] = Cfn.GetAtt(LogicalIds.FunctionRole(spec.Handler), "Arn"),
            ["Timeout"] = spec.TimeoutSeconds,
            ["MemorySize"] = spec.MemoryMb,
            ["Environment"] = new JsonObject { ["Variables"] = variables },
        };
        if (spec.InvokesModel)
        {
            // The rollback switch: no concurrency, so lambda:invoke is throttled (Lambda.TooManyRequestsException), the
            // definition retries, then parks the visit on the retry queue, where it waits (the consumer is off too).
            properties["ReservedConcurrentExecutions"] = new JsonObject
            {
                ["Fn::If"] = new JsonArray(TemplateParameters.SoapGenerationOn, Cfn.Ref("AWS::NoValue"), 0),
            };
        }

        return new JsonObject { ["Type"] = "AWS::Lambda::Function", ["Properties"] = properties };
    }

    private static JsonObject Role(LambdaFunctionSpec spec)
    {
        var policies = new JsonArray();
        if (spec.SecretLogicalIds.Count > 0)
        {
            policies.Add(new JsonObject
            {
                ["PolicyName"] = "ReadOwnSecrets",
                ["PolicyDocument"] = IamDocuments.Policy(new JsonObject
                {
                    ["Sid"] = "GetSecretValue",
                    ["Effect"] = "Allow",
                    ["Action"] = "secretsmanager:GetSecretValue",
                    ["Resource"] = new JsonArray(spec.SecretLogicalIds.Select(id => (JsonNode)Cfn.Ref(id)).ToArray()),
                }),
            });
        }

        if (spec.InvokesModel)
        {
            policies.Add(new JsonObject
            {
                ["PolicyName"] = "BedrockInvokeModel",
                ["PolicyDocument"] = IamDocuments.Policy(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Action"] = "bedrock:InvokeModel",
                    ["Resource"] = Cfn.Sub($"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/${{{ParameterNames.BedrockModelId}}}"),
                }),
            });
        }

        var properties = new JsonObject
        {
            ["AssumeRolePolicyDocument"] = IamDocuments.TrustPolicy("lambda.amazonaws.com"),
            ["ManagedPolicyArns"] = new JsonArray(Cfn.Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")),
        };
        if (policies.Count > 0)
        {
            properties["Policies"] = policies;
        }

        return new JsonObject { ["Type"] = "AWS::IAM::Role", ["Properties"] = properties };
    }
}

internal static class IamDocuments
{
    public static JsonObject TrustPolicy(string service) => Policy(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = service },
        ["Action"] = "sts:AssumeRole",
    });

    public static JsonObject Policy(params JsonNode[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(statements),
    };
}
