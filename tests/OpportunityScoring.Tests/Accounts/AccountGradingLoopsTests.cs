using System.Text;
using System.Text.Json;
using OpportunityScoring.Accounts;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// The account figures, the date checks and the points per dimension are worked out with loops (twenty thousand accounts
/// graded at the end of a run): the figures are those of the LINQ formulation they replace, to the last digit, on
/// generated accounts graded on days before, among and after their service records.
/// </summary>
public sealed class AccountGradingLoopsTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static List<KeyAccount> Accounts()
    {
        using var stream = new MemoryStream();
        new PipelineGenerator(23, AsOf) { Accounts = 400 }.WriteAccountsJsonLines(stream);
        var accounts = new List<KeyAccount>();
        foreach (var line in Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            if (AccountReader.Read(document.RootElement, accounts.Count).Account is { } account)
            {
                accounts.Add(account);
            }
        }

        return accounts;
    }

    /// <summary>The figures as they were computed with LINQ before the loops.</summary>
    private static AccountFacts Reference(string id, KeyAccount account, DateOnly asOf, ServiceTargets targets)
    {
        var from = asOf.AddYears(-1);
        bool InYear(DateOnly d) => d > from && d <= asOf;
        var s = account.Service;
        var booked = account.Revenue.Where(r => r.Year < asOf.Year).OrderByDescending(r => r.Year).FirstOrDefault()?.Amount ?? 0m;
        var acceptances = s.Acceptances?.Where(a => InYear(a.Date)).ToList();
        var surveys = s.Surveys?.Where(a => InYear(a.Date)).ToList();
        var payments = s.Payments?.Where(p => p.Due > from && p.Due <= asOf).ToList();
        int Late(Payment p) => p.DaysLate ?? Math.Max(0, (p.Paid ?? asOf).DayNumber - p.Due.DayNumber);
        var visit = account.Relationship.LastSeniorVisit;
        return new AccountFacts
        {
            Id = id,
            AsOf = asOf,
            HasRecord = true,
            Revenue = Math.Max(booked, 0m),
            FollowOnOrders = s.FollowOnOrders?.Where(o => InYear(o.Date)).Sum(o => o.Amount),
            ShareOfWallet = account.ShareOfWallet,
            SeniorPlan = account.Relationship.SeniorPlan,
            MonthsSinceSeniorVisit = visit is { } v ? ((asOf.Year - v.Year) * 12) + asOf.Month - v.Month - (asOf.Day < v.Day ? 1 : 0) : null,
            Status = account.Relationship.Status,
            Acceptances = acceptances is { Count: > 0 } ? acceptances.Count : null,
            AcceptancesPassed = acceptances?.Count(a => a.Passed) ?? 0,
            Satisfaction = surveys is { Count: > 0 } ? Math.Round(surveys.Average(x => x.Score), 2) : null,
            Complaints = s.Complaints?.Count(c => InYear(c.Date)),
            OpenSeriousComplaints = s.Complaints?.Count(c => c.Severity == ComplaintSeverity.High && c.Closed != true) ?? 0,
            PaymentsDue = payments is { Count: > 0 } ? payments.Count : null,
            PaymentsOnTime = payments?.Count(p => Late(p) <= targets.PaymentGraceDays) ?? 0,
            MaxDaysLate = s.Payments is { Count: > 0 } all ? all.Max(Late) : 0,
        };
    }

    private static IEnumerable<DateOnly> Days() => [AsOf.AddDays(-400), AsOf.AddDays(-120), AsOf.AddDays(-30), AsOf, AsOf.AddDays(90)];

    [Fact]
    public void The_figures_of_every_account_on_every_day_are_those_of_the_linq_formulation()
    {
        var accounts = Accounts();
        var compared = 0;
        foreach (var targets in new[] { new ServiceTargets { PaymentGraceDays = 0 }, new ServiceTargets { PaymentGraceDays = 15 } })
        {
            foreach (var day in Days())
            {
                foreach (var account in accounts)
                {
                    Assert.Equal(Reference(account.Id, account, day, targets), AccountFacts.Of(account.Id, account, null, day, targets));
                    compared++;
                }
            }
        }

        Assert.True(accounts.Count > 300, $"{accounts.Count} accounts read");
        Assert.True(accounts.Any(a => a.Service.Surveys is { Count: > 1 }) && accounts.Any(a => a.Service.Payments is { Count: > 1 }), "accounts with several surveys and payments");
        Assert.Equal(accounts.Count * 10, compared);
    }

    [Fact]
    public void The_date_checks_name_the_same_fields_with_the_same_messages_as_checking_every_record_in_turn()
    {
        var accounts = Accounts();
        var rejected = 0;
        foreach (var day in Days())
        {
            foreach (var (account, index) in accounts.Select((a, i) => (a, i)))
            {
                var expected = new List<string>();
                void Future(string field, DateOnly? d)
                {
                    if (d > day)
                    {
                        expected.Add($"{account.Id}|{index}|{field}|{d:yyyy-MM-dd} is after the assessment day {day:yyyy-MM-dd}: a record cannot be dated in the future");
                    }
                }

                var s = account.Service;
                Future("relationship.lastSeniorVisit", account.Relationship.LastSeniorVisit);
                for (var i = 0; i < (s.Acceptances?.Count ?? 0); i++) { Future($"service.acceptances[{i}].date", s.Acceptances![i].Date); }
                for (var i = 0; i < (s.Surveys?.Count ?? 0); i++) { Future($"service.satisfaction[{i}].date", s.Surveys![i].Date); }
                for (var i = 0; i < (s.Complaints?.Count ?? 0); i++) { Future($"service.complaints[{i}].date", s.Complaints![i].Date); }
                for (var i = 0; i < (s.Payments?.Count ?? 0); i++) { Future($"service.payments[{i}].paid", s.Payments![i].Paid); }
                for (var i = 0; i < (s.FollowOnOrders?.Count ?? 0); i++) { Future($"service.followOnOrders[{i}].date", s.FollowOnOrders![i].Date); }
                for (var i = 0; i < account.Revenue.Count; i++)
                {
                    if (account.Revenue[i].Year > day.Year)
                    {
                        expected.Add($"{account.Id}|{index}|revenue[{i}].year|{account.Revenue[i].Year} is after the assessment year {day.Year}: revenue cannot be booked in the future");
                    }
                }

                var errors = AccountReader.CheckDates(account, index, day);
                Assert.Equal(expected, errors.Select(e => $"{e.Id}|{e.Index}|{e.Field}|{e.Message}"));
                rejected += errors.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(rejected > 100, $"{rejected} accounts rejected on some day");
    }

    [Fact]
    public void The_points_per_dimension_are_the_five_dimensions_in_ordinal_order_each_the_sum_of_its_credits()
    {
        var list = AccountTestBook.Grade("[" + string.Join(",", Accounts().Take(60).Select(a => $"{{\"id\": \"{a.Id}\", \"revenue\": [{{\"year\": 2026, \"amount\": {(a.Revenue.Count > 0 ? a.Revenue[0].Amount : 0)}}}]}}")) + "]");

        foreach (var a in list.Accounts)
        {
            var expected = new SortedDictionary<string, decimal>(StringComparer.Ordinal)
            {
                [AccountCodes.Dimension.Value] = 0, [AccountCodes.Dimension.Potential] = 0, [AccountCodes.Dimension.Relationship] = 0,
                [AccountCodes.Dimension.StrategicFit] = 0, [AccountCodes.Dimension.Service] = 0,
            };
            foreach (var c in a.Credits)
            {
                expected[c.Dimension] += c.Points;
            }

            Assert.Equal(expected, a.Dimensions);
            Assert.Equal(expected[AccountCodes.Dimension.Service], a.Dimensions[AccountCodes.Dimension.Service]);
            Assert.Equal(a.Credits.OrderBy(c => c.Dimension, StringComparer.Ordinal).ThenBy(c => c.Item, StringComparer.Ordinal), a.Credits);
        }

        Assert.Throws<KeyNotFoundException>(() => list.Accounts[0].Dimensions["revenue"]);
        Assert.Equal(60, list.Count);
    }
}
