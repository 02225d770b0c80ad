using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// The review loop's texts in the three shipped languages (the review's Markdown, the gate record): the source's own
/// terms, full-width punctuation in Chinese; the contract's words (stages, bids, gates) come from the catalogue.
/// </summary>
internal static class LoopTexts
{
    private static readonly Dictionary<string, (string En, string Hant, string Hans)> All = new(StringComparer.Ordinal)
    {
        ["review.title"] = ("Win/loss review", "贏單／丟單檢討", "赢单／丢单检讨"),
        ["review.scope"] = ("{0} closed opportunities{1}; each judged by its last assessment before the close ({2} without one are left out).", "已結束商機 {0} 個{1}；每個商機以結束前最後一次評估為準（{2} 個沒有此評估，不列入）。", "已结束商机 {0} 个{1}；每个商机以结束前最后一次评估为准（{2} 个没有此评估，不列入）。"),
        ["review.since"] = (", closed since {0}", "，自 {0} 起結束", "，自 {0} 起结束"),
        ["review.byGrade"] = ("Win rate by grade", "按等級的贏單率", "按等级的赢单率"),
        ["review.byStage"] = ("Win rate by stage reached", "按所達階段的贏單率", "按所达阶段的赢单率"),
        ["review.bids"] = ("Bid decisions against results", "投標決策與結果對照", "投标决策与结果对照"),
        ["review.overrides"] = ("Overrides against the engine", "人工決策與評分引擎對照", "人工决策与评分引擎对照"),
        ["review.reliability"] = ("Reliability of the win probability", "贏單機率的可靠度", "赢单机率的可靠度"),
        ["review.noOverrides"] = ("No override was in force at a close.", "結束時沒有生效中的人工決策。", "结束时没有生效中的人工决策。"),
        ["col.group"] = ("Group", "分組", "分组"),
        ["col.closed"] = ("Closed", "結束", "结束"),
        ["col.won"] = ("Won", "贏單", "赢单"),
        ["col.lost"] = ("Lost", "丟單", "丢单"),
        ["col.noBid"] = ("No bid", "不投標", "不投标"),
        ["col.withdrawn"] = ("Withdrawn", "退出", "退出"),
        ["col.winRate"] = ("Win rate (95% interval)", "贏單率（95％信賴區間）", "赢单率（95％置信区间）"),
        ["col.engineBid"] = ("Engine's bid decision", "評分引擎的投標決策", "评分引擎的投标决策"),
        ["col.opportunity"] = ("Opportunity", "商機", "商机"),
        ["col.kind"] = ("Decision", "決策", "决策"),
        ["col.engine"] = ("Engine", "評分引擎", "评分引擎"),
        ["col.people"] = ("People", "人工決策", "人工决策"),
        ["col.approver"] = ("Approved by", "核准人", "核准人"),
        ["col.result"] = ("Result", "結果", "结果"),
        ["col.right"] = ("Proved right", "判斷正確的一方", "判断正确的一方"),
        ["col.bin"] = ("Predicted", "預測區間", "预测区间"),
        ["col.count"] = ("n", "數量", "数量"),
        ["col.meanPredicted"] = ("Mean predicted", "平均預測", "平均预测"),
        ["col.observed"] = ("Observed (95% interval)", "實際贏單率（95％信賴區間）", "实际赢单率（95％置信区间）"),
        ["right.people"] = ("people", "人工決策", "人工决策"),
        ["right.engine"] = ("engine", "評分引擎", "评分引擎"),
        ["right.unknown"] = ("unknown", "無法判斷", "无法判断"),
        ["kind.bid"] = ("bid decision", "投標決策", "投标决策"),
        ["kind.gate"] = ("gate", "階段關卡", "阶段关卡"),
        ["kind.grade"] = ("grade", "等級", "等级"),
        ["result.won"] = ("won", "贏單", "赢单"),
        ["result.lost"] = ("lost", "丟單", "丢单"),
        ["result.noBid"] = ("no bid", "不投標", "不投标"),
        ["result.withdrawn"] = ("withdrawn", "退出", "退出"),
        ["gate.title"] = ("Gate record", "關卡決策紀錄", "关卡决策纪录"),
        ["gate.date"] = ("Date: {0}", "日期：{0}", "日期：{0}"),
        ["gate.decision"] = ("Decision: **{0}**", "決策：**{0}**", "决策：**{0}**"),
        ["gate.engine"] = ("Engine's recommendation: {0}", "評分引擎的建議：{0}", "评分引擎的建议：{0}"),
        ["gate.override"] = ("Override ({0}): {1}, approved by {2}: {3} ({4})", "人工決策（{0}）：{1}，核准人 {2}：{3}（{4}）", "人工决策（{0}）：{1}，核准人 {2}：{3}（{4}）"),
        ["gate.noOverride"] = ("No override: the engine's recommendation is the decision.", "沒有人工決策：以評分引擎的建議為決策。", "没有人工决策：以评分引擎的建议为决策。"),
        ["gate.deviations"] = ("Approved deviations", "核准的偏離", "核准的偏离"),
        ["gate.fatal"] = ("Fatal factors", "致命因素", "致命因素"),
        ["gate.noFatal"] = ("None.", "無。", "无。"),
        ["state.active"] = ("in force", "生效中", "生效中"),
        ["state.lapsed"] = ("lapsed: past its expiry", "已失效：已過期限", "已失效：已过期限"),
        ["state.reRaised"] = ("re-raised: the engine's decision has changed since, to be decided again", "須重新決定：評分引擎的決策已改變", "须重新决定：评分引擎的决策已改变"),
        ["state.withdrawn"] = ("withdrawn", "已撤回", "已撤回"),
        ["state.superseded"] = ("superseded", "已被取代", "已被取代"),
    };

    public static string Get(Texts texts, string code, params object?[] args)
    {
        var (en, hant, hans) = All[code];
        var template = texts.Language switch { "zh-Hant" => hant, "zh-Hans" => hans, _ => en };
        return args.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, args);
    }

    /// <summary>A contract word in the reader's language: a stage, a bid decision or a gate outcome (the catalogue's words).</summary>
    public static string Word(Texts texts, string family, string? word) =>
        word is null ? texts.Get("word.none") : texts.Has($"word.{family}.{word}") || texts.IsEnglish ? (texts.IsEnglish ? word : texts.Get($"word.{family}.{word}")) : word;

    /// <summary>An override's decision in the reader's language.</summary>
    public static string Decision(Texts texts, OverrideKind kind, string? value) => kind switch
    {
        OverrideKind.Bid => Word(texts, "bidRecommendation", value),
        OverrideKind.Gate => Word(texts, "gateOutcome", value),
        _ => value ?? texts.Get("word.none"),
    };
}
