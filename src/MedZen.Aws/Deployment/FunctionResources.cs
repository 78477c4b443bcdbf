using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>The six <c>provided.al2023</c> functions, one role each, allowed to read only their own secrets (and the generate function to invoke only the stack's model).</summary>
internal static class FunctionResources
{
    public const string Runtime = "provided.al2023";

    public static void AddTo(OrderedDictionary<string, Resource> resources)
    {
        foreach (var spec in LambdaFunctionSpecs.All)
        {
            resources.Add(LogicalIds.FunctionRole(spec.Handler), new Resource(Role(spec)));
            resources.Add(LogicalIds.Function(spec.Handler), new Resource(Function(spec)));
        }
    }

    /// <summary>Where every function's code is: the one package the stack's parameters name.</summary>
    public static LambdaCode PackageCode { get; } = new(Cfn.Ref(ParameterNames.CodeS3Bucket), Cfn.Ref(ParameterNames.CodeS3Key));

    public static CfnValue BasicExecutionRole { get; } = Cfn.Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");

    private static LambdaFunction Function(LambdaFunctionSpec spec)
    {
        var variables = new OrderedDictionary<string, CfnValue>(StringComparer.Ordinal)
        {
            ["DAILY_TRANSCRIPTION_BUDGET_USD"] = Cfn.Ref(ParameterNames.DailyBudgetUsd),
            ["MEDZEN_SESSIONS_TABLE"] = Cfn.Ref(LogicalIds.SessionsTable),
            ["MEDZEN_SOAP_NOTES_TABLE"] = Cfn.Ref(LogicalIds.SoapNotesTable),
        };
        foreach (var secret in spec.SecretLogicalIds)
        {
            variables.Add(LambdaFunctionSpecs.SecretArnVariable(secret), Cfn.Ref(secret)); // a secret's Ref is its ARN
        }

        if (spec.InvokesModel)
        {
            // Bound as MedZen:Model (ModelOptions): Bedrock in the function's region, credentials from its role.
            variables.Add("MedZen__Model__Provider", "Bedrock");
            variables.Add("MedZen__Model__ModelId", Cfn.Ref(ParameterNames.BedrockModelId));
        }

        return new LambdaFunction
        {
            FunctionName = Cfn.Sub($"${{NamePrefix}}-{spec.Handler}"),
            Description = spec.Description,
            Runtime = Runtime,
            Handler = spec.Handler,
            Architectures = [Cfn.Ref(ParameterNames.Architecture)],
            Code = PackageCode,
            Role = Cfn.GetAtt(LogicalIds.FunctionRole(spec.Handler), "Arn"),
            Timeout = spec.TimeoutSeconds,
            MemorySize = spec.MemoryMb,
            Environment = new LambdaEnvironment(variables),
            // The rollback switch: no concurrency, so lambda:invoke is throttled (Lambda.TooManyRequestsException), the
            // definition retries, then parks the visit on the retry queue, where it waits (the consumer is off too).
            ReservedConcurrentExecutions = spec.InvokesModel ? Cfn.If(TemplateParameters.SoapGenerationOn, Cfn.NoValue, 0) : null,
        };
    }

    private static IamRole Role(LambdaFunctionSpec spec)
    {
        var policies = new List<RolePolicy>();
        if (spec.SecretLogicalIds.Count > 0)
        {
            policies.Add(new RolePolicy("ReadOwnSecrets", PolicyDocument.Of(new PolicyStatement
            {
                Sid = "GetSecretValue",
                Action = "secretsmanager:GetSecretValue",
                Resource = Cfn.List(spec.SecretLogicalIds.Select(Cfn.Ref)),
            })));
        }

        if (spec.InvokesModel)
        {
            policies.Add(new RolePolicy("BedrockInvokeModel", PolicyDocument.Of(new PolicyStatement
            {
                Action = "bedrock:InvokeModel",
                Resource = PlaceholderResolver.FoundationModelArn(),
            })));
        }

        return new IamRole
        {
            AssumeRolePolicyDocument = PolicyDocument.TrustPolicy("lambda.amazonaws.com"),
            ManagedPolicyArns = [BasicExecutionRole],
            Policies = policies.Count > 0 ? policies : null,
        };
    }
}
