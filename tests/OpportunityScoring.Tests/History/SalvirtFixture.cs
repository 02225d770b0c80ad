namespace OpportunityScoring.Tests.History;

/// <summary>A small, made-up history in the Salvirt shape (same columns, same words), for mapping tests.</summary>
internal static class SalvirtFixture
{
    public const string Header = "Product;Seller;Authority;Comp_size;Competitors;Purch_dept;Partnership;Budgt_alloc;Forml_tend;RFI;RFP;Growth;Posit_statm;Source;Client;Scope;Strat_deal;Cross_sale;Up_sale;Deal_type;Needs_def;Att_t_client;Status";

    // Row 1: a strong, won deal. Row 2: unknowns everywhere, lost. Row 3: known negatives, lost.
    public const string ThreeRows = Header + "\n"
        + "Product A;Seller 1;High;Big;No;Yes;No;Yes;No;No;Yes;Stable;Yes;Joint past;Current;Clear;Very important;No;Yes;Maintenance;Yes;Strategic account;Won\n"
        + "Product B;Seller 2;Mid;Mid;Unknown;Unknown;No;Unknown;No;No;No;Unknown;Neutral;Unknown;New;Clear;Average important;No;No;Project;No;First deal;Lost\n"
        + "Product D;Seller 9;Low;Small;Yes;No;No;No;Yes;Yes;Yes;Growth;No;Media;New;Low;Unimportant;No;No;Solution;Info gathering;Normal;Lost\n";

    /// <summary>A history of <paramref name="n"/> rows whose outcome follows the evidence (strong rows won 9 times in 10, weak ones 1 in 10).</summary>
    public static string Generated(int n, int seed = 5)
    {
        var random = new Random(seed);
        var lines = new List<string> { Header };
        for (var i = 0; i < n; i++)
        {
            var strong = random.NextDouble() < 0.5;
            var won = random.NextDouble() < (strong ? 0.9 : 0.1);
            lines.Add(strong
                ? $"Product A;Seller 1;High;Big;No;Yes;No;Yes;No;No;Yes;Stable;Yes;Joint past;Current;Clear;Very important;No;Yes;Project;Yes;Strategic account;{(won ? "Won" : "Lost")}"
                : $"Product D;Seller 9;Mid;Mid;Yes;No;No;Unknown;Yes;Yes;Yes;Stable;Neutral;Referral;New;Few questions;Average important;No;No;Solution;Yes;Normal;{(won ? "Won" : "Lost")}");
        }

        return string.Join("\n", lines) + "\n";
    }
}
