using System.Security.Cryptography;
using System.Text;

namespace MedZen.Workflow.Local.Queue;

internal static class MessageDigest
{
    /// <summary>SQS's MD5OfMessageBody: lowercase hex MD5 of the UTF-8 body.</summary>
#pragma warning disable CA5351 // MD5 is what SQS returns as a checksum, not used for security.
    public static string Md5Hex(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
}
