// CSV reading and the purchases import into HQ's SQLite store (docs/crm.md, "Importing
// purchases"; fixtures in tests/data/crm/{valid,invalid}/, invalid ones named after the defect).
#include "support/testsupport.h"

#include "core/engine/venuecalendar.h"
#include "sync/hq/crm/csvreader.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/crm/purchaseimport.h"
#include "sync/hq/sqlitehqstore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace tapledger::sync {
namespace {

using test::dataPath;
using test::readFile;

struct CsvCase
{
    const char *name;
    std::string text;
    std::vector<std::pair<size_t, std::vector<std::string>>> records;
};

TEST(CsvReader, Rfc4180)
{
    const CsvCase cases[] = {
        {"plain", "a,b\n1,2\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"no final line end", "a,b\n1,2", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"CRLF", "a,b\r\n1,2\r\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"byte-order mark", "\xEF\xBB\xBF" "a\n1\n", {{1, {"a"}}, {2, {"1"}}}},
        {"quoted comma and doubled quote", "\"x,y\",\"say \"\"hi\"\"\"\n", {{1, {"x,y", "say \"hi\""}}}},
        {"quoted line break keeps the start line", "h\n\"one\ntwo\"\nlast\n", {{1, {"h"}}, {2, {"one\ntwo"}}, {4, {"last"}}}},
        {"quoted CRLF inside a field", "\"a\r\nb\",c\r\n", {{1, {"a\r\nb", "c"}}}},
        {"blank lines skipped", "a\n\n\r\nb\n", {{1, {"a"}}, {4, {"b"}}}},
        {"spaces are kept", " a , b \n", {{1, {" a ", " b "}}}},
        {"empty fields", ",,\n", {{1, {"", "", ""}}}},
        {"empty text", "", {}},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        auto r = CsvReader::parse(c.text);
        ASSERT_TRUE(r) << r.error().message;
        ASSERT_EQ(r->size(), c.records.size());
        for (size_t i = 0; i < r->size(); ++i) {
            EXPECT_EQ((*r)[i].line, c.records[i].first) << i;
            EXPECT_EQ((*r)[i].fields, c.records[i].second) << i;
        }
    }
}

TEST(CsvReader, MalformedQuotingNamesTheLine)
{
    const std::pair<const char *, const char *> cases[] = {
        {"a\n\"open\nstill open\n", "line 2: a quoted field is not closed"},
        {"a\nb\n\"x\"y\n", "line 3: malformed quoting"},
        {"a\n\xC3\x28\n", "line 2: not valid UTF-8"},
    };
    for (const auto &[text, message] : cases) {
        auto r = CsvReader::parse(text);
        ASSERT_FALSE(r) << text;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().message.rfind(message, 0), 0u) << r.error().message;
    }
}

class PurchaseImportTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        fs::copy_file(fs::path(TAPLEDGER_EXAMPLE_POLICY), m_dir.path() / HqVenue::kPolicyFile);
        auto venue = HqVenue::load(m_dir.path());
        ASSERT_TRUE(venue) << venue.error().message;
        m_venue.emplace(std::move(*venue));
        auto store = SqliteHqStore::create(m_dir.path() / "hq.db");
        ASSERT_TRUE(store) << store.error().message;
        m_store = std::move(*store);
    }

    Result<ImportReport> import(const std::string &fixture)
    {
        auto rows = PurchaseImport::parse(readFile(dataPath("crm/" + fixture)), *m_venue, "import:" + fixture);
        if (!rows)
            return std::move(rows).error();
        return PurchaseImport::store(*m_store, *rows, 1000);
    }

    std::pair<std::vector<PurchaseRecord>, std::vector<CrmMemberRecord>> stored()
    {
        std::pair<std::vector<PurchaseRecord>, std::vector<CrmMemberRecord>> out;
        EXPECT_TRUE(m_store->read([&](HqReadTx &tx) -> Result<void> {
            out.first = tx.purchases().value();
            out.second = tx.crmMembers().value();
            return {};
        }));
        return out;
    }

    test::TempDir m_dir;
    std::optional<HqVenue> m_venue;
    std::unique_ptr<SqliteHqStore> m_store;
};

TEST_F(PurchaseImportTest, StoresEveryRowAndReimportChangesNothing)
{
    auto first = import("valid/purchases.csv");
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->rows, 10u);
    EXPECT_EQ(first->added, 10u); // the two identical espresso rows are two purchases
    EXPECT_EQ(first->newMembers, 4u);
    const auto before = stored();
    ASSERT_EQ(before.first.size(), 10u);

    auto again = import("valid/purchases.csv");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->added, 0u);
    EXPECT_EQ(again->alreadyStored, 10u);
    EXPECT_EQ(again->newMembers, 0u);
    const auto after = stored();
    ASSERT_EQ(after.first.size(), before.first.size());
    for (size_t i = 0; i < after.first.size(); ++i)
        EXPECT_TRUE(after.first[i].sameContent(before.first[i])) << after.first[i].key;
    ASSERT_EQ(after.second.size(), 4u);

    // Members: the ref as written (quotes undone), the id derived from it.
    std::set<std::string> refs;
    for (const auto &m : after.second) {
        refs.insert(m.ref);
        EXPECT_EQ(m.member, PurchaseImport::importedMemberId(m.ref));
        EXPECT_EQ(m.member.toString()[14], '8'); // version 8
    }
    EXPECT_EQ(refs, (std::set<std::string>{"guest-ann", "guest-bob", "guest \"carl\"", "guest-dora"}));

    // Dates are local noon in Asia/Shanghai (04:00 UTC); amounts in minor units; 0.00 is kept.
    auto cal = VenueCalendar::create("Asia/Shanghai").value();
    bool sawZero = false, sawNoon = false;
    for (const auto &p : after.first) {
        EXPECT_EQ(p.currency, "CNY");
        sawZero = sawZero || (p.amountMinor == 0 && p.sku == "refill");
        if (p.receipt == "R-1001" && p.sku == "latte") {
            EXPECT_EQ(p.timeMs, cal.parseInstant("2026-01-03T04:00:00Z").value());
            EXPECT_EQ(p.amountMinor, 1250);
            EXPECT_EQ(p.key, "receipt:R-1001#1");
            sawNoon = true;
        }
        if (p.sku == "croissant") {
            EXPECT_EQ(p.quantity, 2);
            EXPECT_EQ(p.key, "receipt:R-1001#2");
        }
        if (p.category == "dinner, wine") {
            EXPECT_EQ(p.amountMinor, 3852);
        }
    }
    EXPECT_TRUE(sawZero);
    EXPECT_TRUE(sawNoon);
}

TEST_F(PurchaseImportTest, OtherValidShapes)
{
    const std::pair<const char *, size_t> cases[] = {
        {"valid/bom-crlf.csv", 2}, {"valid/columns-reordered-multiline.csv", 2}, {"valid/header-only.csv", 0}};
    for (const auto &[fixture, rows] : cases) {
        auto r = import(fixture);
        ASSERT_TRUE(r) << fixture << ": " << r.error().message;
        EXPECT_EQ(r->added, rows) << fixture;
    }
    const auto s = stored();
    bool sawMultiline = false;
    for (const auto &p : s.first)
        sawMultiline = sawMultiline || p.category == "two\nlines";
    EXPECT_TRUE(sawMultiline);
}

TEST_F(PurchaseImportTest, BadFilesNameTheLineAndStoreNothing)
{
    const std::pair<const char *, size_t> cases[] = {
        {"missing-amount-column", 1}, {"unknown-column", 1},     {"duplicate-column", 1},
        {"impossible-date", 3},       {"negative-amount", 2},    {"too-many-decimals", 4},
        {"missing-field", 3},         {"unclosed-quote", 3},     {"text-after-closing-quote", 2},
        {"empty-member", 2},          {"zero-quantity", 2},      {"bad-time-after-multiline-field", 4},
        {"empty-file", 1},            {"not-utf8", 2},           {"decimal-comma", 2},
        {"space-before-amount", 2},
    };
    for (const auto &[name, line] : cases) {
        auto r = import(std::string("invalid/") + name + ".csv");
        ASSERT_FALSE(r) << name;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument) << name;
        EXPECT_EQ(r.error().message.rfind("line " + std::to_string(line) + ": ", 0), 0u) << name << ": " << r.error().message;
    }
    const auto s = stored();
    EXPECT_TRUE(s.first.empty());
    EXPECT_TRUE(s.second.empty());
}

TEST_F(PurchaseImportTest, AReceiptImportedWithOtherContentRefusesTheWholeFile)
{
    ASSERT_TRUE(import("valid/purchases.csv"));
    const auto before = stored();
    const std::string changed = "member,time,amount,receipt\n"
                                "guest-new,2026-07-01,1.00,R-9999\n"  // would be new, and a new member
                                "guest-ann,2026-01-03,99.00,R-1001\n"; // R-1001#1 was 12.50
    auto rows = PurchaseImport::parse(changed, *m_venue, "import:changed.csv");
    ASSERT_TRUE(rows) << rows.error().message;
    auto r = PurchaseImport::store(*m_store, *rows, 2000);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_EQ(r.error().message.rfind("line 3: ", 0), 0u) << r.error().message;
    const auto after = stored();
    EXPECT_EQ(after.first.size(), before.first.size());
    EXPECT_EQ(after.second.size(), before.second.size());
}

TEST(HqVenueTest, NoPolicyIsAClearError)
{
    test::TempDir dir;
    auto v = HqVenue::load(dir.path());
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::NotFound);
    EXPECT_NE(v.error().message.find("HQ has no venue policy"), std::string::npos);
}

} // namespace
} // namespace tapledger::sync
