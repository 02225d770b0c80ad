using System.Globalization;
using System.Text;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>history --format markdown</c>: the tracking table (專案跟蹤表) with the action plan (銷售行動計畫) and its results
/// (成果／得失, 補救), the overrides beside the engine's decision and the outcome, in the reader's language — the
/// source's "制定與記錄每乙個專案的銷售行動計畫和專案跟蹤表並實施 … 確定其成果、得失" as one page.
/// </summary>
internal static class HistoryMarkdown
{
    private static readonly Dictionary<string, (string En, string Hant, string Hans)> Words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Tracking table — {0}", "專案跟蹤表：{0}", "专案跟踪表：{0}"),
        ["runs"] = ("Runs", "歷次評估", "历次评估"),
        ["actions"] = ("Action plan and results", "銷售行動計畫與成果、得失", "销售行动计划与成果、得失"),
        ["overrides"] = ("Overrides beside the engine's decision", "人工決策與評分引擎的決策", "人工决策与评分引擎的决策"),
        ["outcome"] = ("Outcome", "結果", "结果"),
        ["col.date"] = ("Date", "日期", "日期"),
        ["col.stage"] = ("Stage", "階段", "阶段"),
        ["col.grade"] = ("Grade", "等級", "等级"),
        ["col.score"] = ("Score", "分數", "分数"),
        ["col.win"] = ("Win probability", "贏單機率", "赢单机率"),
        ["col.gate"] = ("Gate", "階段關卡", "阶段关卡"),
        ["col.bid"] = ("Bid decision", "投標決策", "投标决策"),
        ["col.trend"] = ("Trend", "趨勢", "趋势"),
        ["col.what"] = ("Action", "行動", "行动"),
        ["col.owner"] = ("Owner", "負責人", "负责人"),
        ["col.due"] = ("Due", "期限", "期限"),
        ["col.evidence"] = ("Evidence", "證據欄位", "证据栏位"),
        ["col.state"] = ("State", "狀態", "状态"),
        ["col.remedy"] = ("Remedy", "補救", "补救"),
        ["col.reason"] = ("Reason", "理由", "理由"),
        ["col.expiry"] = ("Expires", "期限", "期限"),
        ["col.closedOn"] = ("Closed on", "結束日期", "结束日期"),
        ["col.competitor"] = ("Winner", "得標者", "得标者"),
        ["col.recordedBy"] = ("Recorded by", "記錄人", "记录人"),
        ["remedy.needed"] = ("needed", "需要補救", "需要补救"),
        ["trend.notEnoughInfo"] = ("not enough information", "資訊不足", "资讯不足"),
        ["trend.improving"] = ("improving", "改善", "改善"),
        ["trend.steady"] = ("steady", "持平", "持平"),
        ["trend.declining"] = ("declining", "下滑", "下滑"),
        ["state.open"] = ("open", "進行中", "进行中"),
        ["state.done"] = ("done", "已完成", "已完成"),
        ["state.dropped"] = ("dropped", "已放棄", "已放弃"),
        ["result.notYetReviewed"] = ("not yet reviewed", "尚未評估", "尚未评估"),
        ["result.open"] = ("open, not yet due", "進行中，未到期", "进行中，未到期"),
        ["result.overdue"] = ("overdue", "已逾期", "已逾期"),
        ["result.succeeded"] = ("succeeded: its evidence moved", "成功：證據已改變", "成功：证据已改变"),
        ["result.notSucceeded"] = ("done without effect", "已完成但未見成效", "已完成但未见成效"),
        ["result.dropped"] = ("dropped", "已放棄", "已放弃"),
    };

    public static string Write(OpportunityHistory history, LoopHistory loop, Texts t)
    {
        static string I(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(W(t, "title", history.OpportunityId)).AppendLine();
        Table(md, t, "runs", ["col.date", "col.stage", "col.grade", "col.score", "col.win", "col.gate", "col.bid", "col.trend"], history.Entries.Select(e => new[]
        {
            LoopOutput.D(e.AsOf), LoopTexts.Word(t, "stage", e.Stage), e.Grade, I(e.Score), e.WinProbability.ToString("0.00", CultureInfo.InvariantCulture),
            LoopTexts.Word(t, "gateOutcome", e.GateOutcome), e.Bid is null ? t.Get("word.none") : LoopTexts.Word(t, "bidRecommendation", e.Bid), W(t, "trend." + LoopWords.Of(e.Trend)),
        }));
        if (loop.Actions.Count > 0)
        {
            Table(md, t, "actions", ["col.what", "col.owner", "col.due", "col.evidence", "col.state", "col.result", "col.score", "col.remedy"], loop.Actions.Select(a => new[]
            {
                a.What, a.Owner, LoopOutput.D(a.Due), Evidence(t, a.EvidenceField), W(t, "state." + LoopWords.Of(a.State)), W(t, "result." + LoopWords.Of(a.Result)),
                a.ScoreAfter is null ? LoopOutput.N(a.ScoreBefore) : $"{LoopOutput.N(a.ScoreBefore)} → {LoopOutput.N(a.ScoreAfter)}", a.NeedsRemedy ? W(t, "remedy.needed") : "-",
            }));
        }

        if (loop.Overrides.Count > 0)
        {
            Table(md, t, "overrides", ["col.kind", "col.engine", "col.people", "col.approver", "col.reason", "col.expiry", "col.state"], loop.Overrides.Select(o => new[]
            {
                LoopTexts.Get(t, "kind." + LoopWords.Of(o.Kind)), LoopTexts.Decision(t, o.Kind, o.EngineNow), LoopTexts.Decision(t, o.Kind, o.Value), o.ApprovedBy, o.Reason,
                o.ExpiresOn is { } d ? LoopOutput.D(d) : LoopTexts.Word(t, "stage", o.ExpiresAtStage), LoopTexts.Get(t, "state." + LoopWords.Of(o.State)),
            }));
        }

        if (loop.Outcomes.Count > 0)
        {
            Table(md, t, "outcome", ["col.result", "col.closedOn", "col.competitor", "col.recordedBy"], loop.Outcomes.Where(o => o.Current).Select(o => new[]
            {
                LoopTexts.Get(t, "result." + LoopWords.Of(o.Result)), LoopOutput.D(o.ClosedOn), o.Competitor ?? "-", o.RecordedBy,
            }));
        }

        return md.ToString();
    }

    // An evidence field by its name in the reader's language (the catalogue's item and field names; a stakeholder by its place).
    private static string Evidence(Texts t, string? field)
    {
        if (field is null)
        {
            return "-";
        }

        if (t.IsEnglish)
        {
            return field;
        }

        var match = System.Text.RegularExpressions.Regex.Match(field, @"^decisionChain\.stakeholders\[(\d+)\]\.(coverage|stance)$");
        if (match.Success)
        {
            var place = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1;
            return t.Get("field.stakeholder." + match.Groups[2].Value, string.Format(CultureInfo.InvariantCulture, t.Language == "zh-Hans" ? "第{0}位关键人" : "第{0}位關鍵人", place));
        }

        return t.Has("item." + field) ? t.Get("item." + field) : t.Has("field." + field) ? t.Get("field." + field) : field;
    }

    private static string W(Texts t, string code, params object?[] args)
    {
        var key = code;
        if (!Words.TryGetValue(key, out var words))
        {
            return LoopTexts.Get(t, code, args);
        }

        var template = t.Language switch { "zh-Hant" => words.Hant, "zh-Hans" => words.Hans, _ => words.En };
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    private static void Table(StringBuilder md, Texts t, string title, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("## ").AppendLine(W(t, title)).AppendLine();
        md.Append("| ").AppendJoin(" | ", header.Select(h => W(t, h))).AppendLine(" |");
        md.Append('|').AppendJoin(string.Empty, header.Select(_ => " --- |")).AppendLine();
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" "))).AppendLine(" |");
        }

        md.AppendLine();
    }
}
