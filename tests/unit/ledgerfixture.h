#pragma once
// Shared fixtures for ledger tests: a fixed example entry and a temp data dir with a few entries.

#include "core/crypto/ed25519secretkey.h"
#include "core/device/datadir.h"
#include "core/ledger/ledgerentry.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

namespace tapledger::test {

/// The worked example of docs/ledger-format.md: a top-up of 100.00 EUR with a 20.00 bonus.
inline LedgerEntry exampleEntry()
{
    LedgerEntry e;
    e.kioskId = "lobby-1";
    e.seq = 2;
    e.prevHash.fill(0x11);
    e.timeMs = 1795456676308; // 2026-11-23T17:57:56.308Z
    e.kind = EntryKind::TopUp;
    e.card = *Uuid::parse("11111111-2222-4333-8444-555555555555");
    e.cardCounter = 7;
    e.member = *Uuid::parse("6b2acad5-a0c2-40b0-b570-554632cf9e4f");
    e.currency = "EUR";
    e.depositDelta = 10000;
    e.bonusDelta = 2000;
    e.refs = {"rule:topup-100@1"};
    e.staff = *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    e.idempotencyKey = *Uuid::parse("0b7c5d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5e");
    e.extra = R"({"deposit":10000,"tier":"deposit 100.00 get 20.00"})";
    return e;
}

/// A draft for member @p member of @p kind with @p points (signed) and optional deposit change.
inline LedgerEntry draft(const Uuid &member, EntryKind kind, int64_t points, int64_t deposit = 0)
{
    LedgerEntry e;
    e.kind = kind;
    e.member = member;
    e.pointsDelta = points;
    e.depositDelta = deposit;
    e.currency = deposit ? "EUR" : "";
    e.timeMs = 1795456676308;
    e.idempotencyKey = Uuid::generate();
    return e;
}

/// A data dir in a temp dir holding `count` entries for two members.
class LedgerFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto d = DataDir::init(tmp.path() / "kiosk", "lobby-1");
        ASSERT_TRUE(d.ok()) << d.error().message;
        dir = std::move(*d);
    }
    void appendSample(int count)
    {
        for (int i = 0; i < count; ++i) {
            const Uuid &m = i % 2 ? bob : alice;
            auto r = dir->ledger().append(draft(m, i % 3 == 0 ? EntryKind::TopUp : EntryKind::Earn, 10 + i,
                                                i % 3 == 0 ? 1000 : 0));
            ASSERT_TRUE(r.ok()) << r.error().message;
        }
    }
    TempDir tmp;
    std::unique_ptr<DataDir> dir;
    Uuid alice = Uuid::generate();
    Uuid bob = Uuid::generate();
};

} // namespace tapledger::test
