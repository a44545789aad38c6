// Every kind of tampering with a stored ledger makes verify() fail and name the seq.
#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/canonicalcodec.h"
#include "ledgerfixture.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace tapledger;
using namespace tapledger::test;

namespace {
class Raw
{
public:
    explicit Raw(const std::filesystem::path &path)
    {
        EXPECT_EQ(sqlite3_open(path.c_str(), &m_db), SQLITE_OK);
        exec("DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;");
    }
    ~Raw() { sqlite3_close(m_db); }
    void exec(const std::string &sql)
    {
        char *msg = nullptr;
        EXPECT_EQ(sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &msg), SQLITE_OK) << (msg ? msg : "") << " in " << sql;
        sqlite3_free(msg);
    }
    Bytes blob(const char *column, int64_t seq)
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(m_db, ("SELECT " + std::string(column) + " FROM entries WHERE seq = ?").c_str(), -1, &st, nullptr);
        sqlite3_bind_int64(st, 1, seq);
        Bytes out;
        if (sqlite3_step(st) == SQLITE_ROW) {
            const auto *p = static_cast<const uint8_t *>(sqlite3_column_blob(st, 0));
            out.assign(p, p + sqlite3_column_bytes(st, 0));
        }
        sqlite3_finalize(st);
        return out;
    }
    void setBlob(const char *column, int64_t seq, ByteView value)
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(m_db, ("UPDATE entries SET " + std::string(column) + " = ? WHERE seq = ?").c_str(), -1, &st,
                           nullptr);
        sqlite3_bind_blob(st, 1, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, seq);
        EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
    }

private:
    sqlite3 *m_db = nullptr;
};

class TamperTest : public LedgerFixture
{
protected:
    static constexpr int kEntries = 6;
    void SetUp() override
    {
        LedgerFixture::SetUp();
        appendSample(kEntries);
        ASSERT_TRUE(dir->ledger().verify().ok);
        raw = std::make_unique<Raw>(tmp.path() / "kiosk" / "ledger.db");
    }
    void expectFailsAt(uint64_t seq, const std::string &context)
    {
        const VerifyReport r = dir->ledger().verify();
        EXPECT_FALSE(r.ok) << context;
        EXPECT_EQ(r.badSeq, seq) << context << ": " << r.problem;
        EXPECT_NE(r.problem.find("seq " + std::to_string(seq)), std::string::npos) << context << ": " << r.problem;
    }
    std::unique_ptr<Raw> raw;
};
} // namespace

TEST_F(TamperTest, EveryFlippedByteOfEveryStoredEntryIsCaught)
{
    for (const char *column : {"body", "hash", "signature"}) {
        for (int64_t seq = 1; seq <= kEntries; ++seq) {
            const Bytes original = raw->blob(column, seq);
            for (size_t i = 0; i < original.size(); ++i) {
                Bytes bad = original;
                bad[i] ^= 0x01;
                raw->setBlob(column, seq, bad);
                expectFailsAt(static_cast<uint64_t>(seq), std::string(column) + " byte " + std::to_string(i));
                if (HasFailure())
                    return;
            }
            raw->setBlob(column, seq, original);
        }
    }
    EXPECT_TRUE(dir->ledger().verify().ok);
}

TEST_F(TamperTest, ReorderedEntriesAreCaught)
{
    raw->exec("UPDATE entries SET seq = -1 WHERE seq = 2; UPDATE entries SET seq = 2 WHERE seq = 4;"
              "UPDATE entries SET seq = 4 WHERE seq = -1;");
    expectFailsAt(2, "swap 2 and 4");
}

TEST_F(TamperTest, DeletedEntryIsCaught)
{
    raw->exec("DELETE FROM entries WHERE seq = 3");
    expectFailsAt(3, "delete 3");
}

TEST_F(TamperTest, TruncatedTailIsCaught)
{
    raw->exec("DELETE FROM entries WHERE seq >= 5");
    expectFailsAt(5, "truncate from 5");
}

TEST_F(TamperTest, EntrySignedByAnotherKeyIsCaught)
{
    auto stored = dir->ledger().entry(4);
    ASSERT_TRUE(stored.ok());
    LedgerEntry forged = stored->entry;
    forged.pointsDelta = 1000000;
    const Bytes body = *CanonicalCodec::encode(forged);
    const auto otherKey = Ed25519SecretKey::generate();
    raw->setBlob("body", 4, body);
    raw->setBlob("hash", 4, sha256(body));
    raw->setBlob("signature", 4, otherKey.sign(body));
    expectFailsAt(4, "foreign signature");
}

TEST_F(TamperTest, EditedDerivedBalancesAreCaught)
{
    raw->exec("UPDATE member_balances SET points = points + 1000");
    const VerifyReport r = dir->ledger().verify();
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.problem.find("member_balances"), std::string::npos) << r.problem;
}

TEST_F(TamperTest, EditedIndexColumnsAreCaught)
{
    raw->exec("UPDATE entries SET member = NULL WHERE seq = 2");
    expectFailsAt(2, "index column");
}

TEST_F(TamperTest, VerifyLeavesTheLedgerUnchanged)
{
    raw->exec("UPDATE member_balances SET points = 7");
    EXPECT_FALSE(dir->ledger().verify().ok);
    EXPECT_EQ(dir->ledger().balance(alice).points, 7) << "verify must roll back its rebuild";
}
