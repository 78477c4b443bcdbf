using Amazon.S3;
using Amazon.S3.Model;

namespace MedZen.Aws.Deployment;

/// <summary><see cref="IObjectUploader"/> with AWSSDK.S3 (PutObject; the SDK switches to multipart for large files only with its transfer utility, and the zip stays far under PutObject's 5 GB).</summary>
public sealed class S3ObjectUploader(IAmazonS3 client) : IObjectUploader
{
    public async Task UploadAsync(string bucket, string key, string filePath, string contentType, CancellationToken cancellationToken)
    {
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = filePath,
            ContentType = contentType,
            // One signed body, not aws-chunked: the same bytes reach S3 whether the endpoint is HTTPS or a local HTTP one.
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
    }
}
