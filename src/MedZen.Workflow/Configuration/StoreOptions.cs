namespace MedZen.Workflow.Configuration;

/// <summary>
/// Where the workflow keeps its data, bound from <c>MedZen:Stores</c>. With nothing configured everything
/// lives in one SQLite file under <see cref="DataFolder"/>.
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "MedZen:Stores";

    /// <summary>Folder holding <c>medzen.db</c> (SQLite, WAL).</summary>
    /// <value>./medzen-data</value>
    public string DataFolder { get; set; } = "./medzen-data";

    /// <summary>PostgreSQL connection string for the clinical database (e.g. Supabase's direct connection).
    /// When set, the PostgreSQL adapter (<c>AddMedZenBackends</c>) replaces SQLite for the clinical store.</summary>
    /// <value>null (SQLite)</value>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Seed variable <c>SUPABASE_URL</c>: the project's REST URL. Informational here; the PostgreSQL adapter
    /// needs <see cref="PostgresConnectionString"/>.</summary>
    /// <value>null</value>
    public string? SupabaseUrl { get; set; }

    /// <summary>Seed variable <c>SUPABASE_SERVICE_KEY</c>. Informational here, as <see cref="SupabaseUrl"/>.</summary>
    /// <value>null</value>
    public string? SupabaseServiceKey { get; set; }

    /// <summary><c>sqlite</c> or <c>dynamodb</c> for the key-value tables (dynamodb needs <c>AddMedZenBackends</c>).</summary>
    /// <value>sqlite</value>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(sqlite|dynamodb)$")]
    public string TablesBackend { get; set; } = "sqlite";

    /// <summary>The video-call sessions table (partition key sessionId).</summary>
    /// <value>medzen-video-sessions</value>
    public string SessionsTableName { get; set; } = "medzen-video-sessions";

    /// <summary>The SOAP notes table (partition key soapNoteId).</summary>
    /// <value>medzen-soap-notes</value>
    public string SoapNotesTableName { get; set; } = "medzen-soap-notes";

    /// <summary>AWS region for DynamoDB and SQS; seed variable <c>AWS_REGION</c>.</summary>
    /// <value>us-east-1</value>
    public string AwsRegion { get; set; } = "us-east-1";

    /// <summary>DynamoDB endpoint override (dynalite, DynamoDB Local).</summary>
    /// <value>null (AWS)</value>
    public string? DynamoDbServiceUrl { get; set; }

    public string DatabaseFile => Path.Combine(DataFolder, "medzen.db");

    /// <summary>
    /// Creates an empty clinical database in a data folder whose workflow database (<c>states.db</c>) exists but whose
    /// <c>medzen.db</c> does not (<c>medzen serve --init</c>). Without it such a folder is refused: the file was deleted
    /// or moved, and starting empty would silently lose every patient, transcript and note.
    /// </summary>
    /// <value>Defaults to false.</value>
    public bool InitializeMissingDatabase { get; set; }
}
