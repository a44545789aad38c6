// HQ reports (docs/crm.md, "Reports") over a small fleet: two real kiosks synced to a real HQ
// store. The figures come from the scenario (prices of tests/data/engine/policies/base.policy.json,
// the receipts' charged amounts) and from the kiosk's own shift settlement.
#include "core/crm/crmanalysis.h"
#include "core/engine/settlementeffect.h"
#include "hqtestsupport.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/reports/cardsreport.h"
#include "sync/hq/reports/csvtable.h"
#include "sync/hq/reports/htmlpage.h"
#include "sync/hq/reports/liabilityreport.h"
#include "sync/hq/reports/monthendanalysis.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/reportrunner.h"
#include "sync/hq/reports/segmentsreport.h"
#include "sync/hq/reports/settlementreport.h"
#include "sync/hq/reports/svgchart.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>

namespace fs = std::filesystem;

namespace tapledger::test {
namespace {

constexpr int64_t kDayMs = 86400000;
const char *const kStaffId = "5e0c3a52-7d1f-4f4e-9a51-0d6f2b9f3c11";
const char *const kStaffName = "Zoé <b>& \"co\"";

/// lobby-1 (staff Zoé): Ann tops up 150.00 by cash (bonus 10.00), Bob buys a menu by card, Ann
/// pays a fish from stored value, the shift closes. bar-2 the next day (self-service): Bob buys a
/// cake in cash and returns it. Both kiosks sync.
class ReportsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq.emplace(tmp.path() / "hq");
        hq->start();
        const Policy policy = syncTestPolicy();
        lobby.emplace(tmp.path() / "lobby", "lobby-1", policy, *hq);
        bar.emplace(tmp.path() / "bar", "bar-2", policy, *hq);
        staff = Uuid::parse(kStaffId).value();
        Engine &l = lobby->engine();
        ASSERT_TRUE(l.registerStaff({staff, kStaffName, Card::Role::Cashier, "4321"}).ok());
        ASSERT_TRUE(l.openShift(staff).ok());
        std::tie(ann, annCard) = enrolWithCard(l, "ann");
        std::tie(bob, bobCard) = enrolWithCard(l, "bob");
        ASSERT_TRUE(l.topUp({ann, 15'000, "cash", staff, annCard}).ok());
        auto menu = purchaseOf(bob, bobCard, "menu", "card");
        menu.staff = staff;
        auto menuReceipt = l.purchase(menu);
        ASSERT_TRUE(menuReceipt) << menuReceipt.error().message;
        menuCharged = menuReceipt->charged;
        auto fish = purchaseOf(ann, annCard, "fish", "stored_value");
        fish.staff = staff;
        auto fishReceipt = l.purchase(fish);
        ASSERT_TRUE(fishReceipt) << fishReceipt.error().message;
        fishCharged = fishReceipt->charged;
        auto shift = l.closeShift(staff);
        ASSERT_TRUE(shift) << shift.error().message;
        shiftReport = *shift;
        ASSERT_TRUE(lobby->round()) << "lobby sync";

        bar->clock().advance(kDayMs);
        ASSERT_TRUE(bar->round()) << "bar learns the members";
        auto cake = bar->engine().purchase(purchaseOf(bob, bobCard, "cake", "cash"));
        ASSERT_TRUE(cake) << cake.error().message;
        cakeCharged = cake->charged;
        auto back = bar->engine().returnPurchase({bob, cake->mainSeq, Uuid(), {}});
        ASSERT_TRUE(back) << back.error().message;
        ASSERT_TRUE(bar->round()) << "bar sync";
        hq->stop();
        fs::copy_file(dataPath("engine/policies/base.policy.json"), hq->path() / sync::HqVenue::kPolicyFile);
        venue.emplace(sync::HqVenue::load(hq->path(), hq->dir().store()).value());
        day0 = venue->calendar().localDay(kHqTestStartMs);
    }

    int64_t day(const std::string &date) const
    {
        return venue->calendar().localDay(venue->calendar().parseLocalDate(date).value());
    }

    template <typename F> void read(F &&body)
    {
        ASSERT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> { return body(tx); }));
    }

    TempDir tmp;
    std::optional<TestHq> hq;
    std::optional<TestKiosk> lobby, bar;
    std::optional<sync::HqVenue> venue;
    Uuid staff, ann, annCard, bob, bobCard;
    int64_t menuCharged = 0, fishCharged = 0, cakeCharged = 0, day0 = 0;
    ShiftReport shiftReport;
};

TEST_F(ReportsTest, SettlementPerDayKioskStaffAndPayMethod)
{
    std::optional<sync::Settlement> st;
    read([&](sync::HqReadTx &tx) -> Result<void> {
        auto s = sync::SettlementReport::compute(tx, *venue, day0, day0 + 1, {});
        if (!s)
            return std::move(s).error();
        st = std::move(*s);
        return {};
    });
    ASSERT_TRUE(st);
    EXPECT_EQ(st->staffNames.at(staff), kStaffName);
    struct Want
    {
        int64_t day;
        std::string kiosk;
        bool byStaff;
        std::string method;
        int64_t count, topUps, bonus, purchases, refunds;
    };
    const std::vector<Want> want{
        {day0, "lobby-1", true, "card", 1, 0, 0, menuCharged, 0},
        {day0, "lobby-1", true, "cash", 1, 15'000, 1'000, 0, 0},
        {day0, "lobby-1", true, "stored_value", 1, 0, 0, fishCharged, 0},
        {day0 + 1, "bar-2", false, "cash", 2, 0, 0, cakeCharged, cakeCharged},
    };
    std::vector<sync::SettlementLine> money;
    for (const auto &l : st->lines) {
        if (l.payMethod != "none")
            money.push_back(l);
    }
    ASSERT_EQ(money.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        SCOPED_TRACE(want[i].kiosk + " " + want[i].method);
        EXPECT_EQ(money[i].day, want[i].day);
        EXPECT_EQ(money[i].kiosk, want[i].kiosk);
        EXPECT_EQ(money[i].staff, want[i].byStaff ? staff : Uuid());
        EXPECT_EQ(money[i].payMethod, want[i].method);
        EXPECT_EQ(money[i].count, want[i].count);
        EXPECT_EQ(money[i].topUps, want[i].topUps);
        EXPECT_EQ(money[i].bonusGranted, want[i].bonus);
        EXPECT_EQ(money[i].purchases, want[i].purchases);
        EXPECT_EQ(money[i].refunds, want[i].refunds);
    }
    // The kiosk's own shift settlement (written into its shift_close entry) agrees with HQ's
    // lines of that staff member.
    for (const ShiftTotal &t : shiftReport.byPayMethod) {
        SCOPED_TRACE(t.payMethod);
        const auto line = std::find_if(st->lines.begin(), st->lines.end(), [&](const auto &l) {
            return l.staff == staff && l.payMethod == t.payMethod;
        });
        ASSERT_NE(line, st->lines.end());
        EXPECT_EQ(line->topUps, t.topUps);
        EXPECT_EQ(line->purchases, t.purchases);
        EXPECT_EQ(line->refunds, t.refunds);
        EXPECT_EQ(line->count, t.count);
    }
    int64_t points = 0;
    for (const auto &l : st->lines) {
        if (l.staff == staff)
            points += l.pointsIssued;
    }
    EXPECT_EQ(points, shiftReport.pointsIssued);

    // Only the day asked for.
    read([&](sync::HqReadTx &tx) -> Result<void> {
        auto s = sync::SettlementReport::compute(tx, *venue, day0 + 1, day0 + 1, {});
        if (!s)
            return std::move(s).error();
        for (const auto &l : s->lines)
            EXPECT_EQ(l.kiosk, "bar-2");
        EXPECT_FALSE(s->lines.empty());
        return {};
    });

    const sync::ReportFiles files = sync::SettlementReport::render(*st, *venue);
    expectMatchesGolden(files.csv, "reports/valid/settlement.csv");
    EXPECT_NE(files.html.find("Zo\u00e9 &lt;b&gt;&amp; &quot;co&quot;"), std::string::npos);
    EXPECT_EQ(files.html.find("<b>"), std::string::npos) << "an unescaped staff name";
}

TEST_F(ReportsTest, LiabilityAsOfTodayEqualsTheMasterBalances)
{
    const int64_t today = day("2026-12-31");
    std::vector<sync::LiabilityPoint> points;
    sync::MasterDelta sum;
    read([&](sync::HqReadTx &tx) -> Result<void> {
        auto p = sync::LiabilityReport::compute(tx, *venue, {day0 - 1, day0, day0 + 1, today}, {});
        if (!p)
            return std::move(p).error();
        points = std::move(*p);
        auto balances = tx.masterBalances();
        if (!balances)
            return std::move(balances).error();
        for (const auto &b : *balances) {
            sum.deposit += b.deposit;
            sum.bonus += b.bonus;
            sum.points += b.points;
            sum.debt += b.debt;
            sum.pointsDebt += b.pointsDebt;
        }
        return {};
    });
    ASSERT_EQ(points.size(), 4u);
    const auto same = [](const sync::MasterDelta &a, const sync::MasterDelta &b) {
        return a.deposit == b.deposit && a.bonus == b.bonus && a.points == b.points && a.debt == b.debt &&
               a.pointsDebt == b.pointsDebt;
    };
    EXPECT_TRUE(same(points[0].total, sync::MasterDelta{})) << "nothing before the first day";
    EXPECT_TRUE(same(points[3].total, sum));
    EXPECT_TRUE(same(points[2].total, sum)) << "nothing happened after the second day";
    // Ann's 150.00 + 10.00 bonus less the fish (bonus first): what stays is the stored value.
    EXPECT_EQ(points[1].storedValue(), 15'000 + 1'000 - fishCharged);
    EXPECT_GT(points[1].total.points, 0);
    EXPECT_EQ(points[1].total.debt, 0);
}

TEST_F(ReportsTest, SegmentsAndCardsPerMonthEnd)
{
    std::vector<sync::MonthEndAnalysis> months;
    const std::vector<int64_t> ends = sync::ReportCalendar::monthEnds(day("2026-07-31"), 6);
    ASSERT_EQ(ends.size(), 6u);
    EXPECT_EQ(sync::ReportCalendar::date(venue->calendar(), ends[0]), "2026-02-28");
    EXPECT_EQ(sync::ReportCalendar::date(venue->calendar(), ends[4]), "2026-06-30");
    size_t progressCalls = 0;
    read([&](sync::HqReadTx &tx) -> Result<void> {
        auto m = sync::MonthEndAnalysis::run(tx, *venue, ends, 365, [&](size_t done, size_t total) {
            ++progressCalls;
            EXPECT_EQ(total, 6u);
            EXPECT_EQ(done, progressCalls);
        });
        if (!m)
            return std::move(m).error();
        months = std::move(*m);
        return {};
    });
    ASSERT_EQ(months.size(), 6u);
    EXPECT_EQ(progressCalls, 6u);

    // Cards: both issued on 1 March; Ann's last used that day, Bob's on 2 March: alive until the
    // 90-day window (as-of − 89 … as-of) leaves 2 March behind.
    const std::vector<std::pair<size_t, size_t>> cards{{0, 0}, {2, 2}, {2, 2}, {2, 0}, {2, 0}, {2, 0}};
    for (size_t i = 0; i < months.size(); ++i) {
        SCOPED_TRACE(sync::ReportCalendar::date(venue->calendar(), months[i].day));
        EXPECT_EQ(months[i].cards.issued, cards[i].first);
        EXPECT_EQ(months[i].cards.alive, cards[i].second);
    }

    // Ann spent 60.00 on one visit, Bob 30.00 + 10.00 − 10.00 on two: Ann vip (nobody spent more),
    // Bob small; Ann rare and high spend (A), Bob frequent and low (D).
    const sync::Segments sg = sync::SegmentsReport::compute(months);
    ASSERT_EQ(sg.months.size(), 6u);
    ASSERT_EQ(sg.moves.size(), 10u);
    EXPECT_EQ(sg.months[0].members, 0u);
    const size_t vip = 0, small = 3, a = 0, d = 3, none = sync::SegmentsReport::kNone;
    EXPECT_EQ(sg.months[1].members, 2u);
    EXPECT_EQ(sg.months[1].pyramid[vip], 1u);
    EXPECT_EQ(sg.months[1].pyramid[small], 1u);
    EXPECT_EQ(sg.months[1].quadrant[a], 1u);
    EXPECT_EQ(sg.months[1].quadrant[d], 1u);
    struct Move
    {
        size_t index;
        bool quadrants;
        size_t from, to, members;
    };
    const std::vector<Move> moves{
        {0, false, none, vip, 1}, {0, false, none, small, 1},  {1, true, none, a, 1}, {1, true, none, d, 1},
        {2, false, vip, vip, 1},  {2, false, small, small, 1}, {3, true, a, a, 1},    {3, true, d, d, 1},
    };
    for (const Move &m : moves) {
        SCOPED_TRACE(std::to_string(m.index) + ": " + std::to_string(m.from) + " -> " + std::to_string(m.to));
        EXPECT_EQ(sg.moves[m.index].quadrants, m.quadrants);
        EXPECT_EQ(sg.moves[m.index].counts[m.from][m.to], m.members);
    }
    for (const auto &mv : sg.moves) {
        size_t total = 0;
        for (const auto &row : mv.counts)
            for (const size_t n : row)
                total += n;
        EXPECT_EQ(total, mv.toDay >= ends[1] ? 2u : 0u)
            << "every member analysed at the later month-end, once";
    }

    const sync::ReportFiles cardFiles = sync::CardsReport::render(months, *venue);
    expectMatchesGolden(cardFiles.csv, "reports/valid/cards.csv");
    const sync::ReportFiles segmentFiles = sync::SegmentsReport::render(sg, *venue, 365);
    EXPECT_NE(segmentFiles.csv.find("2026-03-31,pyramid_move,none,vip,1\r\n"), std::string::npos);
    for (const auto *html : {&cardFiles.html, &segmentFiles.html}) {
        EXPECT_NE(html->find("<svg"), std::string::npos);
        for (const char *external : {"<script", "<link", " src=", " href=", "url("})
            EXPECT_EQ(html->find(external), std::string::npos) << external;
    }
}

TEST(SettlementEffectTest, ReadsEachKindOnce)
{
    struct Case
    {
        EntryKind kind;
        int64_t deposit, bonus, points;
        const char *extra;
        std::optional<std::string> method;
        int64_t topUps, purchases, refunds, bonusGranted, pointsIssued, pointsRedeemed, pointsAdjusted;
    };
    const std::vector<Case> cases{
        {EntryKind::TopUp, 15'000, 1'000, 0, R"({"amount":15000,"pay_method":"cash"})", "cash", 15'000, 0, 0,
         1'000, 0, 0, 0},
        {EntryKind::Purchase, 0, 0, 0, R"({"amount":3000,"pay_method":"card"})", "card", 0, 3'000, 0, 0, 0, 0,
         0},
        {EntryKind::Pay, -5'000, -1'000, 0, R"({"amount":6000})", "stored_value", 0, 6'000, 0, 0, 0, 0, 0},
        {EntryKind::Membership, 0, 0, 0, R"({"fee":2000,"pay_method":"cash"})", "cash", 0, 2'000, 0, 0, 0, 0,
         0},
        {EntryKind::Redeem, 0, 0, -300, R"({"cash":500,"pay_method":"card"})", "card", 0, 500, 0, 0, 0, 300,
         0},
        {EntryKind::Redeem, 0, 700, -700, R"({"credit":700})", std::nullopt, 0, 0, 0, 700, 0, 700, 0},
        {EntryKind::Return, 0, 0, -30, R"({"amount":1000,"pay_method":"cash"})", "cash", 0, 0, 1'000, 0, 0, 0,
         0},
        {EntryKind::Refund, -4'000, -500, 0, R"({"refunded":4000,"forfeited":500})", "stored_value", 0, 0,
         4'000, 0, 0, 0, 0},
        {EntryKind::Earn, 0, 0, 25, R"({"line":"earn"})", std::nullopt, 0, 0, 0, 0, 25, 0, 0},
        {EntryKind::Adjust, 0, 0, -10, R"({"reason":"typo"})", std::nullopt, 0, 0, 0, 0, 0, 0, -10},
        {EntryKind::Feedback, 0, 0, 0, R"({"rating":5})", std::nullopt, 0, 0, 0, 0, 0, 0, 0},
        {EntryKind::Purchase, 0, 0, 0, "not json", "", 0, 0, 0, 0, 0, 0, 0},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(std::string(entryKindName(c.kind)) + " " + c.extra);
        LedgerEntry e;
        e.kind = c.kind;
        e.depositDelta = c.deposit;
        e.bonusDelta = c.bonus;
        e.pointsDelta = c.points;
        e.extra = c.extra;
        const SettlementEffect s = settlementEffect(e);
        EXPECT_EQ(s.payMethod, c.method);
        EXPECT_EQ(s.topUps, c.topUps);
        EXPECT_EQ(s.purchases, c.purchases);
        EXPECT_EQ(s.refunds, c.refunds);
        EXPECT_EQ(s.bonusGranted, c.bonusGranted);
        EXPECT_EQ(s.pointsIssued, c.pointsIssued);
        EXPECT_EQ(s.pointsRedeemed, c.pointsRedeemed);
        EXPECT_EQ(s.pointsAdjusted, c.pointsAdjusted);
    }
}

TEST(ReportTables, CsvQuotesOnlyWhatNeedsItAndHtmlEscapes)
{
    sync::CsvTable t({"name", "amount"});
    const std::vector<std::pair<std::string, std::string>> cases{
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"", ""},
    };
    std::string want = "name,amount\r\n";
    for (const auto &[in, out] : cases) {
        t.add({in, "1.00"});
        want += out + ",1.00\r\n";
    }
    EXPECT_EQ(t.toCsv(), want);
    EXPECT_EQ(sync::HtmlPage::escape("<a href='x'>\"&\"</a>"),
              "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
}

TEST(ReportTables, MonthEndsEndWithTheAsOfDay)
{
    const VenueCalendar cal = VenueCalendar::create("Europe/Paris").value();
    const auto day = [&](const char *date) { return cal.localDay(cal.parseLocalDate(date).value()); };
    struct Case
    {
        const char *asOf;
        int64_t months;
        std::vector<std::string> want;
    };
    const std::vector<Case> cases{
        {"2026-03-15", 3, {"2026-01-31", "2026-02-28", "2026-03-15"}},
        {"2024-03-10", 2, {"2024-02-29", "2024-03-10"}},
        {"2026-01-05", 2, {"2025-12-31", "2026-01-05"}},
        {"2026-05-31", 1, {"2026-05-31"}},
    };
    for (const Case &c : cases) {
        std::vector<std::string> got;
        for (const int64_t d : sync::ReportCalendar::monthEnds(day(c.asOf), c.months))
            got.push_back(sync::ReportCalendar::date(cal, d));
        EXPECT_EQ(got, c.want) << c.asOf;
    }
}

TEST(ReportTables, ChartsDrawEveryValueAndEscapeText)
{
    const std::string line = sync::SvgChart::lines("Takings <&>", {"d1", "d2", "d3"},
                                                   {{"cash", {1, 2, 3}}, {"card & co", {0, 5, 1}}}, "EUR");
    EXPECT_EQ(line.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(line.find("<title>Takings &lt;&amp;&gt;</title>"), std::string::npos);
    EXPECT_NE(line.find("card &amp; co"), std::string::npos);
    size_t polylines = 0;
    for (size_t at = line.find("<polyline"); at != std::string::npos; at = line.find("<polyline", at + 1)) {
        ++polylines;
        const size_t from = line.find("points=\"", at) + 8;
        const std::string points = line.substr(from, line.find('"', from) - from);
        EXPECT_EQ(std::count(points.begin(), points.end(), ','), 3) << points;
    }
    EXPECT_EQ(polylines, 2u);

    const std::string pyramid = sync::SvgChart::pyramid("P", {{"vip", 1}, {"major", 0}, {"small", 8}});
    size_t rects = 0;
    for (size_t at = pyramid.find("<rect"); at != std::string::npos; at = pyramid.find("<rect", at + 1))
        ++rects;
    EXPECT_EQ(rects, 3u);
    EXPECT_NE(pyramid.find("8 members"), std::string::npos);

    const std::string scatter =
        sync::SvgChart::scatter("S", {{1, 2, "guest <x>", 0}, {3, 4, "b", 1}}, "visits", "spend", {"A", "B"});
    EXPECT_NE(scatter.find("<title>guest &lt;x&gt;</title>"), std::string::npos);
    EXPECT_EQ(scatter.find("<x>"), std::string::npos);
}

/// The text of every <text> element of @p svg with font-size 10 (the x-axis labels of lines()).
std::vector<std::string> xLabelsOf(const std::string &svg)
{
    const std::string needle = "font-size=\"10\">";
    std::vector<std::string> out;
    for (size_t at = svg.find(needle); at != std::string::npos; at = svg.find(needle, at + 1)) {
        const size_t from = at + needle.size();
        out.push_back(svg.substr(from, svg.find('<', from) - from));
    }
    return out;
}

TEST(ReportTables, LineChartDateLabelsDoNotCrowdAndTheLastIsShown)
{
    struct Case
    {
        size_t points;
        std::vector<std::string> want; // label indices shown
    };
    const std::vector<Case> cases{
        {1, {"0"}},
        {2, {"0", "1"}},
        {8, {"0", "1", "2", "3", "4", "5", "6", "7"}},
        {12, {"0", "2", "4", "6", "8", "11"}},
        {13, {"0", "2", "4", "6", "8", "10", "12"}},
        {31, {"0", "5", "10", "15", "20", "25", "30"}},
        {33, {"0", "5", "10", "15", "20", "25", "32"}},
    };
    for (const Case &c : cases) {
        std::vector<std::string> labels;
        for (size_t i = 0; i < c.points; ++i)
            labels.push_back(std::to_string(i));
        const std::string svg = sync::SvgChart::lines("T", labels, {{"s", std::vector<double>(c.points, 1.0)}}, "u");
        EXPECT_EQ(xLabelsOf(svg), c.want) << c.points << " points";
    }
    // The last label ends at the plot's right edge instead of running past the picture.
    const std::string svg = sync::SvgChart::lines("T", {"2026-01-31", "2026-02-28"}, {{"s", {1, 2}}}, "u");
    EXPECT_NE(svg.find("text-anchor=\"end\" font-size=\"10\">2026-02-28<"), std::string::npos) << svg;
}

TEST(ReportTables, CountsGetWholeNumberTicksEvenWhenAllZero)
{
    const std::string zero = sync::SvgChart::lines("Cards", {"a", "b"}, {{"issued", {0, 0}}}, "cards");
    EXPECT_EQ(zero.find(">0.20<"), std::string::npos) << "fractional ticks for a count";
    EXPECT_NE(zero.find(">5<"), std::string::npos);
    const std::string money = sync::SvgChart::lines("Liability", {"a", "b"}, {{"deposit", {0.5, 1.25}}}, "EUR");
    EXPECT_NE(money.find(">0.50<"), std::string::npos) << "money keeps its decimals";
}

TEST(ReportTables, UnknownNamesAreRefusedListingTheKnownOnes)
{
    for (const char *good : {"settlement", "liability", "segments", "cards", "all"})
        EXPECT_TRUE(sync::ReportRunner::checkName(good).ok()) << good;
    const auto bad = sync::ReportRunner::checkName("sales");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(bad.error().message.find("known: settlement, liability, segments, cards, all"),
              std::string::npos);
}

} // namespace
} // namespace tapledger::test
