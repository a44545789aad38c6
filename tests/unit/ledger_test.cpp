#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/ledger.h"
#include "core/ledger/merkle.h"
#include "ledgerfixture.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <climits>

using namespace tapledger;
using namespace tapledger::test;

using LedgerTest = LedgerFixture;

TEST_F(LedgerTest, AppendChainsSignsAndDerivesBalances)
{
    Ledger &l = dir->ledger();
    auto a = l.append(draft(alice, EntryKind::TopUp, 0, 10000));
    auto b = l.append(draft(alice, EntryKind::Earn, 120));
    auto c = l.append(draft(bob, EntryKind::Earn, 5));
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(a->entry.seq, 1u);
    EXPECT_EQ(a->entry.prevHash, Sha256Digest{});
    EXPECT_EQ(b->entry.prevHash, a->hash);
    EXPECT_EQ(c->entry.prevHash, b->hash);
    EXPECT_EQ(b->hash, sha256(b->canonical));
    EXPECT_TRUE(ed25519Verify(l.devicePublicKey(), b->canonical, b->signature));
    EXPECT_EQ(l.size(), 3u);
    EXPECT_EQ(l.headHash(), c->hash);

    const MemberBalance ab = l.balance(alice);
    EXPECT_EQ(ab.deposit, 10000);
    EXPECT_EQ(ab.points, 120);
    EXPECT_EQ(ab.currency, "EUR");
    EXPECT_EQ(ab.entries, 2u);
    EXPECT_EQ(ab.lastSeq, 2u);
    EXPECT_EQ(l.balance(Uuid::generate()).points, 0);

    auto read = l.entry(2);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->canonical, b->canonical);
    EXPECT_FALSE(l.entry(0).ok());
    EXPECT_EQ(l.entry(4).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(l.verify().ok);
}

TEST_F(LedgerTest, IdempotentRetryReturnsTheStoredEntryAndConflictingReuseFails)
{
    Ledger &l = dir->ledger();
    LedgerEntry d = draft(alice, EntryKind::Earn, 50);
    auto first = l.append(d);
    ASSERT_TRUE(first.ok());
    d.timeMs += 5000; // a retry a few seconds later
    auto retry = l.append(d);
    ASSERT_TRUE(retry.ok());
    EXPECT_EQ(retry->entry.seq, first->entry.seq);
    EXPECT_EQ(l.size(), 1u);
    EXPECT_EQ(l.balance(alice).points, 50);

    d.pointsDelta = 51;
    auto conflict = l.append(d);
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.error().code, ErrorCode::Conflict);
    EXPECT_EQ(l.size(), 1u);
}

TEST_F(LedgerTest, BatchIsAllOrNothing)
{
    Ledger &l = dir->ledger();
    ASSERT_TRUE(l.append(draft(alice, EntryKind::Earn, INT64_MAX - 10)).ok());
    const auto head = l.headHash();
    const std::vector<LedgerEntry> batch = {draft(bob, EntryKind::Earn, 1), draft(alice, EntryKind::Earn, 11)};
    auto r = l.append(batch);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Overflow);
    EXPECT_EQ(l.size(), 1u);
    EXPECT_EQ(l.headHash(), head);
    EXPECT_EQ(l.balance(bob).points, 0) << "the first entry of the failed batch must not be applied";
    EXPECT_TRUE(l.verify().ok);
}

TEST_F(LedgerTest, InvalidDraftsAndCurrencyChangesWriteNothing)
{
    Ledger &l = dir->ledger();
    ASSERT_TRUE(l.append(draft(alice, EntryKind::TopUp, 0, 500)).ok());
    LedgerEntry usd = draft(alice, EntryKind::TopUp, 0, 500);
    usd.currency = "USD";
    auto r = l.append(usd);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);

    LedgerEntry badExtra = draft(alice, EntryKind::Earn, 1);
    badExtra.extra = "{not json";
    EXPECT_EQ(l.append(badExtra).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(l.size(), 1u);
    EXPECT_TRUE(l.verify().ok);
}

TEST_F(LedgerTest, TriggersRefuseUpdateAndDelete)
{
    appendSample(3);
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open((tmp.path() / "kiosk" / "ledger.db").c_str(), &db), SQLITE_OK);
    for (const char *sql : {"UPDATE entries SET time_ms = 0 WHERE seq = 1", "DELETE FROM entries WHERE seq = 3"}) {
        char *msg = nullptr;
        EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, &msg), SQLITE_OK) << sql;
        EXPECT_NE(std::string(msg ? msg : "").find("append-only"), std::string::npos);
        sqlite3_free(msg);
    }
    sqlite3_close(db);
    EXPECT_EQ(dir->ledger().size(), 3u);
    EXPECT_TRUE(dir->ledger().verify().ok);
}

TEST_F(LedgerTest, TreeHeadRootMatchesRfc6962AtEverySizeAndIgnoresRolledBackEntries)
{
    // Tree heads extend a cached frontier of subtree roots; compare with the full computation
    // after each append (sizes 0..19 cover every frontier shape up to 16 + 2 + 1).
    Ledger &l = dir->ledger();
    const auto expectedRoot = [&] {
        std::vector<Sha256Digest> leaves;
        const auto all = l.entries(1, 100);
        EXPECT_TRUE(all.ok());
        for (const auto &s : *all)
            leaves.push_back(merkle::leafHash(s.hash));
        return merkle::root(leaves);
    };
    for (uint64_t size = 0; size < 20; ++size) {
        auto head = l.treeHead(1000);
        ASSERT_TRUE(head.ok());
        EXPECT_EQ(head->treeSize, size);
        EXPECT_EQ(head->rootHash, expectedRoot()) << "size " << size;
        appendSample(1);
    }
    // A head taken inside a scope that is then rolled back leaves no trace in later heads.
    ASSERT_TRUE(l.beginScope().ok());
    appendSample(3);
    auto inside = l.treeHead(1000);
    ASSERT_TRUE(inside.ok());
    EXPECT_EQ(inside->treeSize, 23u);
    l.rollbackScope();
    appendSample(3);
    auto after = l.treeHead(1000);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->treeSize, 23u);
    EXPECT_EQ(after->rootHash, expectedRoot());
    EXPECT_NE(after->rootHash, inside->rootHash);
    EXPECT_TRUE(l.verify().ok);
}

TEST_F(LedgerTest, TreeHeadsAreSignedAndConsistentAcrossGrowth)
{
    Ledger &l = dir->ledger();
    appendSample(5);
    auto older = l.treeHead(1000);
    ASSERT_TRUE(older.ok());
    EXPECT_TRUE(older->verify(l.devicePublicKey()));
    EXPECT_EQ(older->treeSize, 5u);
    appendSample(4);
    auto newer = l.treeHead(2000);
    ASSERT_TRUE(newer.ok());
    auto proof = l.consistencyProof(5);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(checkTreeHeadConsistency(*older, *newer, *proof).ok());
    EXPECT_FALSE(l.consistencyProof(10).ok());

    // The root is the RFC 6962 root of the entry hashes.
    std::vector<Sha256Digest> leaves;
    const auto all = l.entries(1, 100);
    ASSERT_TRUE(all.ok());
    for (const auto &s : *all)
        leaves.push_back(merkle::leafHash(s.hash));
    EXPECT_EQ(newer->rootHash, merkle::root(leaves));
}

TEST_F(LedgerTest, ReopenedLedgerContinuesTheChainAndReadOnlyRefusesAppends)
{
    appendSample(3);
    const auto head = dir->ledger().headHash();
    const auto pub = dir->deviceKey().publicKey();
    dir.reset();
    auto again = DataDir::open(tmp.path() / "kiosk");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->ledger().size(), 3u);
    EXPECT_EQ((*again)->ledger().headHash(), head);
    auto next = (*again)->ledger().append(draft(alice, EntryKind::Earn, 1));
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->entry.prevHash, head);
    again->reset();

    auto ro = Ledger::open(tmp.path() / "kiosk" / "ledger.db", pub, nullptr);
    ASSERT_TRUE(ro.ok());
    EXPECT_EQ((*ro)->append(draft(alice, EntryKind::Earn, 1)).error().code, ErrorCode::Denied);
    EXPECT_TRUE((*ro)->verify().ok);

    auto foreign = Ledger::open(tmp.path() / "kiosk" / "ledger.db", Ed25519SecretKey::generate().publicKey(), nullptr);
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, ErrorCode::Corrupt);
}
