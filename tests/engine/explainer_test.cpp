// Explanations through phrasebooks: without one the lines are English (byte for byte what the
// golden files hold); with the shipped zh_CN translations (translations/tapledger_zh_CN.ts,
// context "Explainer") known entries give known Chinese lines; every template and term is
// translated there with its placeholders intact; placeholders are filled in one pass.
#include "core/engine/explainer.h"
#include "core/engine/explainertemplates.h"
#include "core/engine/phrasebook.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace tapledger::test {
namespace {

std::string unescapeXml(std::string s)
{
    const std::pair<const char *, const char *> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto &[from, to] : entities) {
        const std::string f = from;
        for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at + 1))
            s.replace(at, f.size(), to);
    }
    return s;
}

/// The "Explainer" messages of a .ts file (source → translation), as the kiosk's translator
/// would hand them to EngineService::buildPhrasebook.
std::map<std::string, std::string> explainerMessages(const std::string &tsFile)
{
    std::ifstream in(dataPath("../../translations/" + tsFile));
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string ts = ss.str();
    const size_t ctx = ts.find("<name>Explainer</name>");
    if (ctx == std::string::npos)
        return {};
    const std::string block = ts.substr(ctx, ts.find("</context>", ctx) - ctx);
    static const std::regex message(R"(<source>([^<]*)</source>\s*<translation>([^<]*)</translation>)");
    std::map<std::string, std::string> out;
    for (std::sregex_iterator it(block.begin(), block.end(), message), end; it != end; ++it)
        out[unescapeXml((*it)[1].str())] = unescapeXml((*it)[2].str());
    return out;
}

Phrasebook zhCN()
{
    Phrasebook book;
    book.addAll(explainerMessages("tapledger_zh_CN.ts"));
    // The policy's translations join the same phrasebook (docs/policy.md, `translations`).
    book.add("Gold", "金卡");
    book.add("Mango pudding", "芒果布丁");
    return book;
}

LedgerEntry entry(EntryKind kind, uint64_t seq, std::string extra)
{
    LedgerEntry e;
    e.kind = kind;
    e.seq = seq;
    e.timeMs = 1'780'000'000'000;
    e.extra = std::move(extra);
    return e;
}

struct Known
{
    const char *name;
    LedgerEntry entry;
    const char *english;
    const char *chinese;
};

std::vector<Known> knownEntries()
{
    LedgerEntry topUp = entry(EntryKind::TopUp, 3,
                              R"({"amount":300000,"pay_method":"cash","rule":"tu-3000","version":1,"tier_min":300000})");
    topUp.depositDelta = 300000;
    topUp.bonusDelta = 90000;
    LedgerEntry earn = entry(EntryKind::Earn, 5,
                             R"({"line":"earn","amount":12000,"points_per":1,"per":1000,"tier_name":"Gold",)"
                             R"("tier_multiplier":"5/4","promo_multiplier":"1","rounding":"floor","rule":"earn-std",)"
                             R"("version":3,"capped_from":20,"cap":"per_day","cap_points":15})");
    earn.pointsDelta = 15;
    LedgerEntry redeem = entry(EntryKind::Redeem, 9, R"({"name":"Mango pudding","reward":"pudding","version":1})");
    redeem.pointsDelta = -300;
    return {
        {"TopUp", topUp,
         "Top-up 3,000.00 by cash: deposit +3,000.00, bonus +900.00 for a deposit of at least 3,000.00 (rule tu-3000 v1)",
         "充值 3,000.00（现金）：储值 +3,000.00，赠送金额 +900.00（单次充值满 3,000.00）（规则 tu-3000 v1）"},
        {"Earn", earn,
         "+15 pts: 120.00 × 1 pt/10.00 × Gold 5/4 (floor) (rule earn-std v3); capped from 20 by the daily cap of 15",
         "+15 积分：120.00 × 1 积分/10.00 × 金卡 5/4（向下取整）（规则 earn-std v3）；超出每日上限 15，原为 20"},
        {"Redeem", redeem, "-300 pts: reward 'Mango pudding' (rule pudding v1)",
         "-300 积分：兑换“芒果布丁” （规则 pudding v1）"},
    };
}

Explainer shanghai()
{
    auto calendar = VenueCalendar::create("Asia/Shanghai", 1);
    EXPECT_TRUE(calendar.ok());
    return Explainer(*calendar, 2);
}

TEST(Explainer, WithoutPhrasebookIsEnglish)
{
    const Explainer explainer = shanghai();
    for (const auto &k : knownEntries()) {
        EXPECT_EQ(explainer.explain(k.entry), k.english) << k.name;
        EXPECT_EQ(explainer.explain(k.entry, Phrasebook()), k.english) << k.name;
    }
}

TEST(Explainer, ZhCNPhrasebookGivesKnownChineseLines)
{
    Explainer explainer = shanghai();
    const Phrasebook zh = zhCN();
    for (const auto &k : knownEntries())
        EXPECT_EQ(explainer.explain(k.entry, zh), k.chinese) << k.name;
    explainer.setPhrasebook(zh);
    EXPECT_EQ(explainer.explain(knownEntries()[0].entry), knownEntries()[0].chinese);
}

TEST(Explainer, EveryTemplateAndTermIsTranslatedWithItsPlaceholders)
{
    for (const char *ts : {"tapledger_zh_CN.ts", "tapledger_en.ts"}) {
        const auto messages = explainerMessages(ts);
        std::set<std::string> seen;
        for (const char *english : phrase::explainerPhrases()) {
            EXPECT_TRUE(seen.insert(english).second) << "listed twice: " << english;
            auto it = messages.find(english);
            ASSERT_NE(it, messages.end()) << ts << " lacks '" << english << "'";
            EXPECT_FALSE(it->second.empty()) << ts << ": '" << english << "' is untranslated";
            EXPECT_EQ(templatePlaceholders(it->second), templatePlaceholders(english)) << ts << ": " << english;
        }
    }
}

TEST(Explainer, FillTemplateFillsOncePlaceholdersOnly)
{
    EXPECT_EQ(fillTemplate("{a} and {b}", {{"a", "{b}"}, {"b", "2"}}), "{b} and 2");
    EXPECT_EQ(fillTemplate("{unknown} {a} { a} {}", {{"a", "1"}}), "{unknown} 1 { a} {}");
    EXPECT_EQ(fillTemplate("no braces", {}), "no braces");
    EXPECT_EQ(fillTemplate("{a", {{"a", "1"}}), "{a");
    EXPECT_EQ(templatePlaceholders("{points} pts on {date}, {points}"), (std::set<std::string>{"date", "points"}));
}

} // namespace
} // namespace tapledger::test
