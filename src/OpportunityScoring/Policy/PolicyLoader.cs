using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpportunityScoring.Grading;

namespace OpportunityScoring.Policy;

/// <summary>
/// Loads a <see cref="ScoringPolicy"/> from JSON, validates it (weights, shares, scales, bands without gaps or
/// overlaps, knock-outs, decision-chain weights) and stamps it with the SHA-256 of its canonical JSON.
/// </summary>
public static class PolicyLoader
{
    private static readonly JsonSerializerOptions ReadOptions = CreateReadOptions();

    /// <summary>Loads and validates a policy from JSON text.</summary>
    /// <param name="json">The policy document.</param>
    /// <param name="source">A name for messages (a file name).</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The policy cannot be read or is not valid; the message lists every problem.</exception>
    public static ScoringPolicy Parse(string json, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(json);
        ScoringPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<ScoringPolicy>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            var where = e.Path ?? "$";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : string.Empty;
            throw new PolicyValidationException(source, [new PolicyIssue("malformed", where, $"cannot read the policy{line}: {e.Message}")]);
        }

        if (policy is null)
        {
            throw new PolicyValidationException(source, [new PolicyIssue("malformed", "$", "the policy document is empty (null)")]);
        }

        return Prepare(policy, source);
    }

    /// <summary>Loads and validates a policy file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The policy is not valid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ScoringPolicy LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Validates a policy built in code (or deserialized elsewhere) and prepares it for scoring.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="source">A name for messages.</param>
    /// <returns>The same policy, validated and stamped.</returns>
    /// <exception cref="PolicyValidationException">The policy is not valid.</exception>
    public static ScoringPolicy Prepare(ScoringPolicy policy, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var issues = Validate(policy);
        if (issues.Count > 0)
        {
            throw new PolicyValidationException(source ?? policy.Name, issues);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(policy))));
        policy.Compile(new PolicyStamp(policy.Name, policy.Version, sha));
        return policy;
    }

    /// <summary>Every problem with a policy; empty when it can be used.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The problems, each with a code, a path and what to fix.</returns>
    public static IReadOnlyList<PolicyIssue> Validate(ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new PolicyValidator(policy).Run();
    }

    /// <summary>The canonical JSON of a policy (sorted keys, no white space, normalised numbers): what the SHA-256 is taken of.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The canonical JSON text.</returns>
    public static string CanonicalJson(ScoringPolicy policy)
    {
        var node = JsonSerializer.SerializeToNode(policy, ContractJson.Options)!;
        var sb = new StringBuilder();
        WriteCanonical(node, sb);
        return sb.ToString();
    }

    /// <summary>Writes a policy as indented JSON (what <see cref="Parse"/> reads back).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(ScoringPolicy policy) => JsonSerializer.Serialize(policy, ContractJson.Indented);

    private static void WriteCanonical(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
                    WriteCanonical(value, sb);
                }

                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteCanonical(arr[i], sb);
                }

                sb.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                sb.Append(Numbers.Normalize(value.GetValue<decimal>()).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(node.ToJsonString(ContractJson.Options));
                break;
        }
    }

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions(ContractJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false, // a key written twice is an error, like a misspelt one: which of the two was meant?
        };
        options.MakeReadOnly();
        return options;
    }
}
