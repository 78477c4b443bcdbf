using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Ambient recordings sometimes tag the two speakers the wrong way round (ACI-Bench warns of it). When the "patient"
/// plainly speaks as the clinician (orders, exam findings, prescriptions) far more than the "clinician" does, the
/// writer reads the visit with the two roles exchanged; segment ids stay as they are.
/// </summary>
internal static partial class SwappedSpeakerDetector
{
    private const int MinimumCues = 2;

    [GeneratedRegex(@"\b(?:i'm going to (?:order|prescribe|refer|send|start|give you)|we're going to (?:order|start|check|get)|(?:gon na|going to) (?:order|prescribe|refer)|on (?:your|my) exam|your (?:exam|x-ray|labs|blood work) (?:shows?|showed|was|were)|my assessment|i want you to|i'd like you to|follow up with me|prescription for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianCue();

    public static Transcript Correct(Transcript transcript)
    {
        int asClinician = 0, asPatient = 0;
        foreach (var segment in transcript.Segments)
        {
            var cues = ClinicianCue().Count(segment.Text);
            if (segment.Role == SpeakerRole.Clinician)
            {
                asClinician += cues;
            }
            else if (segment.Role == SpeakerRole.Patient)
            {
                asPatient += cues;
            }
        }

        if (asPatient < MinimumCues || (asClinician > 0 && asPatient < 3 * asClinician))
        {
            return transcript;
        }

        return new Transcript(transcript.Segments.Select(s => s.Role switch
        {
            SpeakerRole.Clinician => s with { Role = SpeakerRole.Patient },
            SpeakerRole.Patient => s with { Role = SpeakerRole.Clinician },
            _ => s,
        }).ToList());
    }
}
