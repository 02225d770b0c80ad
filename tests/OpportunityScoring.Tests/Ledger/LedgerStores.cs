using System.Diagnostics;
using Npgsql;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>
/// The two stores every ledger test runs against: a fresh SQLite file, and a fresh database on a real PostgreSQL server
/// — the one CI started (<c>OPPORTUNITYSCORING_TEST_POSTGRES</c>, .ci/run), or else one this fixture starts itself with
/// .ci/postgres.sh (Debian's postgresql package, installed if missing) and stops at the end. Never a mock: when no
/// server can be had, the PostgreSQL cases fail saying why.
/// </summary>
public sealed class LedgerStores : IDisposable
{
    public const string Variable = "OPPORTUNITYSCORING_TEST_POSTGRES";
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-tests-").FullName;
    private readonly Lazy<string> _server;
    private string? _ownCluster;
    private int _databases;

    public LedgerStores() => _server = new Lazy<string>(StartServer);

    /// <summary>A new, empty store of a kind: <c>sqlite</c> (a file path) or <c>postgresql</c> (a connection string to a new database).</summary>
    public string New(string kind) => kind switch
    {
        "sqlite" => Path.Combine(_folder, $"ledger-{Interlocked.Increment(ref _databases)}.db"),
        "postgresql" => NewDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The server's admin connection string (database postgres).</summary>
    public string Server => _server.Value;

    private string NewDatabase()
    {
        var name = $"ledger_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    private string StartServer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        _ownCluster = Path.Combine(Path.GetTempPath(), $"ledger-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var (code, output, error) = Run("bash", Repo.Path(".ci", "postgres.sh"), "start", _ownCluster);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Variable} is not set and .ci/postgres.sh could not start a PostgreSQL server (exit {code}): {error}");
        }

        return output.Trim().Split('\n')[^1];
    }

    internal static (int Code, string Output, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_ownCluster is not null)
        {
            Run("bash", Repo.Path(".ci", "postgres.sh"), "stop", _ownCluster);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a pooled connection: the temp folder is cleaned by the system
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerStoresGroup : ICollectionFixture<LedgerStores>
{
    public const string Name = "ledger stores";
}
