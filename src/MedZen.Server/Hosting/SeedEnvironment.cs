namespace MedZen.Server.Hosting;

/// <summary>
/// The seed deployment's environment variables, honoured as fallbacks for keys of the
/// <c>MedZen</c> options tree (an explicit <c>MEDZEN__…</c> variable or medzen.json wins).
/// </summary>
public static class SeedEnvironment
{
    /// <summary>Seed variable → options key.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Mappings = new Dictionary<string, string[]>
    {
        ["AWS_REGION"] = ["MedZen:Model:Region", "MedZen:Aws:Region"],
        ["DAILY_TRANSCRIPTION_BUDGET_USD"] = ["MedZen:Budget:DailyLimitUsd"],
        ["SUPABASE_URL"] = ["MedZen:Supabase:Url"],
        ["SUPABASE_SERVICE_KEY"] = ["MedZen:Supabase:ServiceKey"],
        ["SUPABASE_DB_URL"] = ["MedZen:Stores:PostgresConnectionString"],
        ["SUPABASE_JWT_SECRET"] = ["MedZen:Auth:JwtSecret"],
        ["FCM_PROJECT_ID"] = ["MedZen:Notifications:Fcm:ProjectId"],
        ["FCM_SERVICE_ACCOUNT_JSON"] = ["MedZen:Notifications:Fcm:ServiceAccountJson"],
        ["FCM_SERVICE_ACCOUNT_FILE"] = ["MedZen:Notifications:Fcm:ServiceAccountFile"],
        ["STEP_FUNCTIONS_STATE_MACHINE_ARN"] = ["MedZen:Engine:RemoteStateMachineArn"],
        ["MEDZEN_SERVICE_API_KEY"] = ["MedZen:Auth:ServiceApiKey"],
    };

    public static IEnumerable<KeyValuePair<string, string?>> Fallbacks(Func<string, string?> getEnvironmentVariable)
    {
        foreach (var (variable, keys) in Mappings)
        {
            var value = getEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                foreach (var key in keys)
                {
                    yield return new(key, value);
                }
            }
        }
    }

    /// <summary>
    /// Configuration in precedence order: seed variables (lowest), medzen.json in the working
    /// directory, <c>MEDZEN__…</c> environment variables, then command-line settings (highest).
    /// </summary>
    public static void AddMedZenConfiguration(this IConfigurationBuilder configuration, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        configuration.AddInMemoryCollection(Fallbacks(Environment.GetEnvironmentVariable));
        configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "medzen.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }
}
