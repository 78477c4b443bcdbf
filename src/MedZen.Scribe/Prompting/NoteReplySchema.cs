namespace MedZen.Scribe.Prompting;

/// <summary>
/// The JSON the model must reply with. Property names equal <see cref="Notes.NoteJson"/>'s, minus <c>supported</c>,
/// which the parser decides by checking the evidence ids against the transcript.
/// </summary>
public static class NoteReplySchema
{
    /// <summary>A JSON Schema (draft 2020-12) of the reply, shown to the model.</summary>
    public const string Json = """
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["subjective", "objective", "problems", "patientInstructions"],
  "additionalProperties": false,
  "$defs": {
    "statement": {
      "type": "object",
      "required": ["text", "evidence"],
      "additionalProperties": false,
      "properties": {
        "text": { "type": "string", "minLength": 1, "description": "One sentence, third person." },
        "evidence": { "type": "array", "minItems": 1, "items": { "type": "string" }, "description": "Ids of the transcript segments that state this fact, e.g. [\"s3\", \"s5\"]." }
      }
    },
    "statements": { "type": "array", "items": { "$ref": "#/$defs/statement" } }
  },
  "properties": {
    "subjective": {
      "type": "object",
      "properties": {
        "chiefComplaint": { "$ref": "#/$defs/statements" },
        "historyOfPresentIllness": { "$ref": "#/$defs/statements" },
        "reviewOfSystems": { "$ref": "#/$defs/statements" },
        "pastMedicalHistory": { "$ref": "#/$defs/statements" },
        "pastSurgicalHistory": { "$ref": "#/$defs/statements" },
        "familyHistory": { "$ref": "#/$defs/statements" },
        "socialHistory": { "$ref": "#/$defs/statements" },
        "medications": { "$ref": "#/$defs/statements" },
        "allergies": { "$ref": "#/$defs/statements" }
      }
    },
    "objective": {
      "type": "object",
      "properties": {
        "vitals": { "$ref": "#/$defs/statements" },
        "physicalExam": { "$ref": "#/$defs/statements" },
        "results": { "$ref": "#/$defs/statements" }
      }
    },
    "problems": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name", "assessment", "plan"],
        "properties": {
          "name": { "type": "string", "minLength": 1 },
          "icd10Code": { "type": ["string", "null"], "description": "Only when the diagnosis was stated; otherwise null." },
          "assessment": { "$ref": "#/$defs/statements" },
          "plan": { "$ref": "#/$defs/statements" }
        }
      }
    },
    "patientInstructions": { "$ref": "#/$defs/statements" }
  }
}
""";
}
