using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpportunityScoring.Ledger;

/// <summary>What a run records when it starts: the input, the policy, the day, the engine, and its shard.</summary>
/// <param name="InputName">The input's name (a file name, without its folder).</param>
/// <param name="InputSha256">The SHA-256 of the input's bytes, lower-case hex (<see cref="HashFile"/>).</param>
/// <param name="Policy">The policy the run scores under.</param>
/// <param name="AsOf">The day of the assessment.</param>
/// <param name="Engine">The engine's name (<c>compiled</c> or <c>rete</c>).</param>
public sealed record RunStart(string InputName, string InputSha256, PolicyStamp Policy, DateOnly AsOf, string Engine)
{
    /// <summary>The shard this process fills; <see cref="ShardSpec.Whole"/> by default.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>Whether opportunities whose input and policy did not change since their last stored assessment are carried forward instead of re-scored.</summary>
    public bool ChangedOnly { get; init; }

    /// <summary>
    /// The run's identity: the SHA-256 of the input's SHA-256, the policy's SHA-256, the day and the shard count. The
    /// same input scored under the same policy on the same day is the same run: recording it again adds nothing, and a
    /// run killed midway is resumed rather than duplicated.
    /// </summary>
    public string Key => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('|', InputSha256, Policy.Sha256, AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Shard.Count.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>The SHA-256 of a file's bytes, lower-case hex.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The hash.</returns>
    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
