using System.Text.Json.Nodes;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Policy;

public sealed class PolicyValidationTests
{
    private static JsonObject DefaultJson() => JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

    private static PolicyValidationException Reject(JsonObject policy) =>
        Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(policy.ToJsonString(), "test-policy.json"));

    [Fact]
    public void The_default_policy_is_valid_and_stamped()
    {
        var policy = OpportunityRules.DefaultPolicy;

        Assert.Empty(PolicyLoader.Validate(policy));
        Assert.Equal("default", policy.Stamp.Name);
        Assert.Matches("^[0-9a-f]{64}$", policy.Stamp.Sha256);
        Assert.False(policy.Metadata.Calibrated);
    }

    [Fact]
    public void A_gap_between_grade_bands_is_rejected_naming_the_band()
    {
        var json = DefaultJson();
        json["gradeBands"]![1]!["min"] = 60; // B now starts at 60, C ends at 55

        var e = Reject(json);

        var issue = Assert.Single(e.Issues, i => i.Code == "bandGap");
        Assert.Contains("55", issue.Message);
        Assert.Contains("60", issue.Message);
        Assert.Contains("gradeBands", issue.Path);
        Assert.Contains("test-policy.json", e.Message);
    }

    [Fact]
    public void Overlapping_grade_bands_are_rejected_with_the_overlap()
    {
        var json = DefaultJson();
        json["gradeBands"]![1]!["min"] = 50; // B from 50 overlaps C's 50–55

        var e = Reject(json);

        var issue = Assert.Single(e.Issues, i => i.Code == "bandOverlap");
        Assert.Contains("from 50 to 55", issue.Message);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_rejected_with_the_sum()
    {
        var json = DefaultJson();
        json["criteria"]!["need"]!["weight"] = 25;

        var e = Reject(json);

        var issue = Assert.Single(e.Issues, i => i.Code == "weightsSum");
        Assert.Contains("105", issue.Message);
    }

    [Theory]
    [InlineData("gradeBands", "gradeBands[2]")]
    [InlineData("knockOuts", "knockOuts[2]")]
    [InlineData("budgetCoverage.steps", "budgetCoverage.steps[2]")]
    public void A_null_entry_in_a_list_is_rejected_naming_its_place_not_a_crash(string list, string path)
    {
        var json = DefaultJson();
        var array = list == "budgetCoverage.steps" ? json["budgetCoverage"]!["steps"]!.AsArray() : json[list]!.AsArray();
        array.Insert(2, null);

        var e = Reject(json);

        var issue = Assert.Single(e.Issues, i => i.Code == "entryNull");
        Assert.Equal(path, issue.Path);
    }

    [Fact]
    public void A_weight_beyond_100_is_rejected_as_such_without_summing_it()
    {
        var json = DefaultJson();
        json["criteria"]!["need"]!["weight"] = 7e28m;
        json["criteria"]!["budget"]!["weight"] = 7e28m;

        var e = Reject(json);

        Assert.Equal(2, e.Issues.Count(i => i.Code == "weightTooLarge"));
        Assert.DoesNotContain(e.Issues, i => i.Code == "weightsSum");
    }

    [Fact]
    public void A_key_written_twice_is_rejected_naming_it()
    {
        var text = DefaultJson().ToJsonString().Replace("\"marginFloor\":0.15", "\"marginFloor\":0.15,\"marginFloor\":0.9", StringComparison.Ordinal);
        Assert.Contains("0.9", text, StringComparison.Ordinal);

        var e = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(text, "test-policy.json"));

        Assert.Contains("marginFloor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_with_more_than_six_decimals_are_rejected_because_the_score_would_depend_on_the_rules_order()
    {
        var json = DefaultJson();
        json["criteria"]!["need"]!["weight"] = 16.666666666666666666666666667m;
        json["criteria"]!["budget"]!["weight"] = 18.333333333333333333333333333m;
        json["scales"]!["answer"]!["unknown"] = 1e-28m;

        var e = Reject(json);

        Assert.Equal(
            ["criteria.budget.weight", "criteria.need.weight", "scales.answer.unknown"],
            e.Issues.Where(i => i.Code == "precision").Select(i => i.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_role_or_influence_weight_above_1000_is_rejected_rather_than_overflow_the_decision_chain()
    {
        var json = DefaultJson();
        json["roleWeights"]!["economicBuyer"] = 1e15m;
        json["influenceWeights"]!["high"] = 1e28m;

        var e = Reject(json);

        Assert.Equal(["influenceWeights.high", "roleWeights.economicBuyer"], e.Issues.Where(i => i.Code == "weightTooLarge").Select(i => i.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_step_list_is_missing_steps_as_documented()
    {
        var json = DefaultJson();
        json["marginCredit"]!["steps"] = new JsonArray();

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "stepsMissing" && i.Path == "marginCredit");
    }

    [Fact]
    public void An_unknown_criterion_is_rejected_with_the_allowed_names()
    {
        var json = DefaultJson();
        json["criteria"]!["pricing"] = JsonNode.Parse("""{ "weight": 0, "items": {} }""");

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "unknownCriterion" && i.Message.Contains("decisionChain", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_weight_is_rejected()
    {
        var json = DefaultJson();
        json["criteria"]!["need"]!["weight"] = -5;
        json["criteria"]!["budget"]!["weight"] = 40;

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "weightNegative" && i.Path == "criteria.need.weight");
    }

    [Fact]
    public void Scoring_unknown_as_no_is_rejected()
    {
        var json = DefaultJson();
        json["scales"]!["answer"]!["unknown"] = 0;

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "unknownScoredAsNo" && i.Path == "scales.answer.unknown");
    }

    [Fact]
    public void A_scale_where_a_better_answer_earns_less_is_rejected()
    {
        var json = DefaultJson();
        json["scales"]!["budgetStatus"]!["canBuy"] = 0.3; // below mayBuy 0.4

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "scaleNotMonotone" && i.Message.Contains("canBuy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_typo_in_a_policy_field_is_rejected_not_ignored()
    {
        var json = DefaultJson();
        json["gradeBandz"] = new JsonArray();

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "malformed" && i.Message.Contains("gradeBandz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_knock_out_the_rules_do_not_implement_is_rejected()
    {
        var json = DefaultJson();
        json["knockOuts"]!.AsArray().Add(JsonNode.Parse("""{ "code": "badWeather", "cap": "C" }"""));

        var e = Reject(json);

        Assert.Contains(e.Issues, i => i.Code == "unknownKnockOut" && i.Path == "knockOuts[4].code");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = DefaultJson();
        json["criteria"]!["need"]!["weight"] = 21;
        json["gradeBands"]![0]!["max"] = 99;
        json["version"] = "one";

        var codes = Reject(json).Issues.Select(i => i.Code).ToHashSet();

        Assert.Superset(new HashSet<string> { "weightsSum", "bandGap", "versionFormat" }, codes);
    }

    [Fact]
    public void The_sha256_ignores_comments_and_number_formatting_but_not_values()
    {
        var text = OpportunityRules.DefaultPolicyJson;
        var same = PolicyLoader.Parse(text.Replace("\"weight\": 20,", "\"weight\": 20.0,", StringComparison.Ordinal) + "\n// trailing comment");
        var json = DefaultJson();
        json["gradeBands"]![0]!["min"] = 76;
        json["gradeBands"]![1]!["max"] = 76;
        var different = PolicyLoader.Parse(json.ToJsonString());

        Assert.Equal(OpportunityRules.DefaultPolicy.Stamp.Sha256, same.Stamp.Sha256);
        Assert.NotEqual(OpportunityRules.DefaultPolicy.Stamp.Sha256, different.Stamp.Sha256);
    }

    [Fact]
    public void A_policy_round_trips_through_json_with_the_same_hash()
    {
        var policy = OpportunityRules.DefaultPolicy;

        var again = PolicyLoader.Parse(PolicyLoader.ToJson(policy));

        Assert.Equal(policy.Stamp, again.Stamp);
    }

    [Fact]
    public void A_changed_policy_changes_grades_without_recompiling_the_rules()
    {
        var json = DefaultJson();
        json["gradeBands"] = JsonNode.Parse("""[ {"grade":"A","min":97,"max":100}, {"grade":"B","min":90,"max":97}, {"grade":"C","min":85,"max":90}, {"grade":"D","min":0,"max":85} ]""");
        var strict = PolicyLoader.Parse(json.ToJsonString());
        var opp = TestAssets.Build.Strong() with { EstimatedCost = 8_500_000m };

        var before = OpportunityRules.CreateScorer().Score(opp, TestAssets.Build.AsOf);
        var after = OpportunityRules.CreateScorer(strict).Score(opp, TestAssets.Build.AsOf);

        Assert.Equal(before.Score, after.Score);
        Assert.Equal(Grade.A, before.Grade);
        Assert.NotEqual(Grade.A, after.Grade);
        Assert.Same(OpportunityRules.RuleSets, OpportunityRules.RuleSets);
    }
}
