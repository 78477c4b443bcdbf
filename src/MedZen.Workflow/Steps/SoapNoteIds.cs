using System.Security.Cryptography;
using System.Text;

namespace MedZen.Workflow.Steps;

/// <summary>
/// A session's note id: a UUID derived from the session id (SHA-256, version/variant bits of a name-based UUID),
/// so every run for the same session, on any machine, writes the same note and collides on SaveNote instead of duplicating it.
/// </summary>
public static class SoapNoteIds
{
    public static string ForSession(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("medzen:soap-note:" + sessionId));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
