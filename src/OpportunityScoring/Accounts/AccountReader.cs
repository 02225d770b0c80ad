using System.Globalization;
using System.Text.Json;

namespace OpportunityScoring.Accounts;

/// <summary>One account record as read: the account when it is valid, else its errors (each naming the id and field).</summary>
/// <param name="Index">The position among the accounts, from 0.</param>
/// <param name="Account">The valid account, or <see langword="null"/>.</param>
/// <param name="Errors">Why the record cannot be used (empty when valid).</param>
internal sealed record AccountRecord(int Index, KeyAccount? Account, IReadOnlyList<InputError> Errors);

/// <summary>
/// Reads one account of the contract's JSON with its checks: every field that is wrong becomes an error naming the
/// account's id (or index) and the field's path, and the record is rejected; no exception escapes.
/// </summary>
internal static class AccountReader
{
    /// <summary>The most entries of one list of an account (a service history, the revenue years).</summary>
    public const int MaxEntries = 10_000;

    public static AccountRecord Read(JsonElement json, int index)
    {
        var errors = new List<InputError>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new AccountRecord(index, null, [new InputError(null, index, "(account)", $"an account is a JSON object, not {json.ValueKind.ToString().ToLowerInvariant()}")]);
        }

        var id = json.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? RecordReader.NormalizeId(idElement.GetString()) : null;
        var r = new Fields(id, index, errors);
        if (string.IsNullOrEmpty(id))
        {
            r.Error("id", "the account has no id (a non-empty string): opportunities link to it by account.id");
        }

        var account = new KeyAccount
        {
            Id = id ?? string.Empty,
            Name = r.Text(json, "name"),
            Type = r.Word<AccountType>(json, "type", "type"),
            Standing = r.Word<Relationship>(json, "standing", "standing"),
            Owner = r.Text(json, "owner"),
            Revenue = r.List(json, "revenue", "revenue", (e, p) => new YearRevenue(r.Year(e, "year", p), r.Amount(e, "amount", p) ?? r.Missing<decimal>(p + ".amount"))) ?? [],
            ShareOfWallet = r.Fraction(json, "shareOfWallet", "shareOfWallet"),
            Relationship = r.Object(json, "relationship", "relationship", (e, p) => new AccountRelationship
            {
                SeniorPlan = r.Word<Evidence>(e, "seniorPlan", p + ".seniorPlan"),
                LastSeniorVisit = r.Date(e, "lastSeniorVisit", p + ".lastSeniorVisit"),
                Status = r.Word<RelationshipStatus>(e, "status", p + ".status"),
            }) ?? AccountRelationship.None,
            Service = r.Object(json, "service", "service", (e, p) => new ServiceRecords
            {
                Acceptances = r.List(e, "acceptances", p + ".acceptances", (a, q) => new AcceptanceResult(r.Date(a, "date", q + ".date") ?? r.Missing<DateOnly>(q + ".date"), r.Result(a, q))),
                Surveys = r.List(e, "satisfaction", p + ".satisfaction", (s, q) => new SatisfactionSurvey(r.Date(s, "date", q + ".date") ?? r.Missing<DateOnly>(q + ".date"), r.Score(s, q))),
                Complaints = r.List(e, "complaints", p + ".complaints", (c, q) => new Complaint(r.Date(c, "date", q + ".date") ?? r.Missing<DateOnly>(q + ".date"), r.Word<ComplaintSeverity>(c, "severity", q + ".severity"), r.Bool(c, "closed", q + ".closed"))),
                Payments = r.List(e, "payments", p + ".payments", (c, q) => new Payment(r.Date(c, "due", q + ".due") ?? r.Missing<DateOnly>(q + ".due"), r.Date(c, "paid", q + ".paid"), r.DaysLate(c, q))),
                FollowOnOrders = r.List(e, "followOnOrders", p + ".followOnOrders", (c, q) => new FollowOnOrder(r.Date(c, "date", q + ".date") ?? r.Missing<DateOnly>(q + ".date"), r.Amount(c, "amount", q) ?? r.Missing<decimal>(q + ".amount"))),
            }) ?? ServiceRecords.None,
        };

        if (account.Revenue.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            r.Error("revenue", $"the year {twice.Key} appears {twice.Count()} times: give one amount a year");
        }

        return errors.Count == 0 ? new AccountRecord(index, account, []) : new AccountRecord(index, null, errors);
    }

    /// <summary>
    /// The checks that need the assessment day: nothing recorded as done may be dated after it (a complaint, a survey,
    /// an acceptance, a payment made, a visit, a follow-on order), nor revenue for a year after it.
    /// </summary>
    public static IReadOnlyList<InputError> CheckDates(KeyAccount account, int index, DateOnly asOf)
    {
        // Checked for every account at the end of a run (and for each with an opportunity in implementation before it):
        // nothing is allocated for a record that passes, and a field's path is written only for an error.
        List<InputError>? errors = null;
        if (account.Relationship.LastSeniorVisit > asOf)
        {
            Future(ref errors, account, index, asOf, "relationship.lastSeniorVisit", account.Relationship.LastSeniorVisit);
        }

        var s = account.Service;
        for (var i = 0; i < (s.Acceptances?.Count ?? 0); i++)
        {
            if (s.Acceptances![i].Date > asOf) { Future(ref errors, account, index, asOf, $"service.acceptances[{i}].date", s.Acceptances[i].Date); }
        }

        for (var i = 0; i < (s.Surveys?.Count ?? 0); i++)
        {
            if (s.Surveys![i].Date > asOf) { Future(ref errors, account, index, asOf, $"service.satisfaction[{i}].date", s.Surveys[i].Date); }
        }

        for (var i = 0; i < (s.Complaints?.Count ?? 0); i++)
        {
            if (s.Complaints![i].Date > asOf) { Future(ref errors, account, index, asOf, $"service.complaints[{i}].date", s.Complaints[i].Date); }
        }

        for (var i = 0; i < (s.Payments?.Count ?? 0); i++)
        {
            if (s.Payments![i].Paid > asOf) { Future(ref errors, account, index, asOf, $"service.payments[{i}].paid", s.Payments[i].Paid); }
        }

        for (var i = 0; i < (s.FollowOnOrders?.Count ?? 0); i++)
        {
            if (s.FollowOnOrders![i].Date > asOf) { Future(ref errors, account, index, asOf, $"service.followOnOrders[{i}].date", s.FollowOnOrders[i].Date); }
        }

        for (var i = 0; i < account.Revenue.Count; i++)
        {
            if (account.Revenue[i].Year > asOf.Year)
            {
                (errors ??= []).Add(new InputError(account.Id, index, $"revenue[{i}].year", $"{account.Revenue[i].Year} is after the assessment year {asOf.Year}: revenue cannot be booked in the future"));
            }
        }

        return errors is null ? [] : errors;
    }

    private static void Future(ref List<InputError>? errors, KeyAccount account, int index, DateOnly asOf, string field, DateOnly? day) =>
        (errors ??= []).Add(new InputError(account.Id, index, field, $"{day:yyyy-MM-dd} is after the assessment day {asOf:yyyy-MM-dd}: a record cannot be dated in the future"));

    /// <summary>Reads fields, adding an error per field that is wrong.</summary>
    private sealed class Fields(string? id, int index, List<InputError> errors)
    {
        public void Error(string field, string message) => errors.Add(new InputError(id, index, field, message));

        public T Missing<T>(string field)
        {
            Error(field, "required");
            return default!;
        }

        public string? Text(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.String)
            {
                Error(name, $"expected text, got {v.ValueKind.ToString().ToLowerInvariant()}");
                return null;
            }

            var text = v.GetString()!.Trim();
            return text.Length == 0 ? null : text.Normalize();
        }

        public TEnum Word<TEnum>(JsonElement e, string name, string path) where TEnum : struct, Enum
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return default;
            }

            if (v.ValueKind == JsonValueKind.String && ContractEnum<TEnum>.TryParse(v.GetString(), out var value))
            {
                return value;
            }

            Error(path, $"{v.GetRawText()} is not one of {ContractEnum<TEnum>.Allowed}");
            return default;
        }

        public DateOnly? Date(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            Error(path, $"{v.GetRawText()} is not a date in the form yyyy-MM-dd");
            return null;
        }

        public bool? Bool(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean();
            }

            Error(path, $"{v.GetRawText()} is not true or false");
            return null;
        }

        private decimal? Number(JsonElement e, string name, string path, decimal min, decimal max, string range)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
            {
                Error(path, $"{v.GetRawText()} is not a number");
                return null;
            }

            if (d < min || d > max)
            {
                Error(path, $"{d.ToString(CultureInfo.InvariantCulture)} is out of range: {range}");
                return null;
            }

            return d;
        }

        public decimal? Amount(JsonElement e, string name, string path) => Number(e, name, $"{path}.{name}", 0m, 1e18m, "an amount from 0 to 10^18");

        public decimal? Fraction(JsonElement e, string name, string path) => Number(e, name, path, 0m, 1m, "a fraction from 0 to 1 (0.35 for 35%)");

        /// <summary>A survey's score: a null or absent score is required (never read as 0, which would be a missed target).</summary>
        public decimal Score(JsonElement e, string path) =>
            Present(e, "score") ? Number(e, "score", path + ".score", 0m, 100m, "a satisfaction score is 0–100") ?? 0m : Missing<decimal>(path + ".score");

        /// <summary>A revenue entry's year: required, a whole number (2025.5 is not a year).</summary>
        public int Year(JsonElement e, string name, string path)
        {
            if (!Present(e, name))
            {
                return Missing<int>($"{path}.{name}");
            }

            if (Number(e, name, $"{path}.{name}", 1900m, 2200m, "a year from 1900 to 2200") is not { } y)
            {
                return 0; // the error is given
            }

            if (y != decimal.Truncate(y))
            {
                Error($"{path}.{name}", $"{y.ToString(CultureInfo.InvariantCulture)} is not a whole year");
                return 0;
            }

            return (int)y;
        }

        private static bool Present(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

        public int? DaysLate(JsonElement e, string path) =>
            Number(e, "daysLate", path + ".daysLate", 0m, 36_500m, "days late from 0 to 36,500") is { } d ? (int)decimal.Truncate(d) : null;

        public bool Result(JsonElement e, string path)
        {
            var word = e.TryGetProperty("result", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            switch (word)
            {
                case "passed":
                    return true;
                case "failed":
                    return false;
                default:
                    Error(path + ".result", word is null && !e.TryGetProperty("result", out _) ? "required: passed or failed" : $"{v.GetRawText()} is not passed or failed");
                    return false;
            }
        }

        public T? Object<T>(JsonElement e, string name, string path, Func<JsonElement, string, T> read) where T : class
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.Object)
            {
                Error(path, "expected an object");
                return null;
            }

            return read(v, path);
        }

        public List<T>? List<T>(JsonElement e, string name, string path, Func<JsonElement, string, T> read)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (v.ValueKind != JsonValueKind.Array)
            {
                Error(path, "expected an array");
                return null;
            }

            if (v.GetArrayLength() > MaxEntries)
            {
                Error(path, $"{v.GetArrayLength():N0} entries, over the limit of {MaxEntries:N0}");
                return null;
            }

            var list = new List<T>(v.GetArrayLength());
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                var at = $"{path}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Error(at, "expected an object");
                    continue;
                }

                list.Add(read(item, at));
            }

            return list;
        }
    }
}
