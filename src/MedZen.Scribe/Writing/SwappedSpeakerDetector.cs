using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Ambient recordings sometimes tag the two speakers the wrong way round (ACI-Bench warns of it). When the "patient"
/// plainly speaks as the clinician (orders, exam findings, prescriptions) far more than the "clinician" does, the
/// writer reads the visit with the two roles exchanged; segment ids stay as they are. So does it when the "patient"
/// speaks to the other person ("you", "your") far more than of themself ("i", "my") and the "clinician" the other way
/// round: the one who asks "how are you doing" and "do you smoke" is the clinician.
/// </summary>
internal static partial class SwappedSpeakerDetector
{
    private const int MinimumCues = 2;

    /// <summary>Each role says at least this many first- or second-person words before its way of speaking counts.</summary>
    private const int MinimumPronouns = 30;

    /// <summary>How many times more the "patient" must address the other person, relative to the "clinician", to be read as the clinician.</summary>
    private const double AddressRatio = 3;

    [GeneratedRegex(@"\b(?:you|your|yours|yourself|you're|you've|you'll|you'd)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\b(?:i|me|my|mine|myself|i'm|i've|i'll|i'd)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

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

        var address = Addressing.Of(transcript);
        var byCues = asPatient >= MinimumCues && (asClinician == 0 || asPatient >= 3 * asClinician);
        // Cue phrases are words anyone can say: a patient who dictates "i'm going to prescribe …" must not make the real
        // clinician's words the patient's. They count only when the tagged patient also addresses the other person more
        // than the tagged clinician does.
        if (!(byCues && address.PatientAddresses > address.ClinicianAddresses) && !address.PatientSpeaksAsClinician)
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

    /// <summary>
    /// How much each role addresses the other person ("you", "your") for each word of itself ("i", "my"). In a visit the
    /// clinician asks and explains ("do you have …", "your x-ray shows …"), the patient tells ("i've had …", "my knee …").
    /// </summary>
    private sealed record Addressing(double PatientAddresses, double ClinicianAddresses, bool Enough)
    {
        /// <summary>The "patient" says "you" for each "i" far more often than the "clinician" does.</summary>
        public bool PatientSpeaksAsClinician => Enough && PatientAddresses > 1 && PatientAddresses > AddressRatio * ClinicianAddresses;

        public static Addressing Of(Transcript transcript)
        {
            int clinicianYou = 0, clinicianI = 0, patientYou = 0, patientI = 0;
            foreach (var segment in transcript.Segments)
            {
                var you = SecondPerson().Count(segment.Text);
                var i = FirstPerson().Count(segment.Text);
                if (segment.Role == SpeakerRole.Clinician)
                {
                    clinicianYou += you;
                    clinicianI += i;
                }
                else if (segment.Role == SpeakerRole.Patient)
                {
                    patientYou += you;
                    patientI += i;
                }
            }

            return new Addressing(
                (patientYou + 1.0) / (patientI + 1.0),
                (clinicianYou + 1.0) / (clinicianI + 1.0),
                clinicianYou + clinicianI >= MinimumPronouns && patientYou + patientI >= MinimumPronouns);
        }
    }
}
