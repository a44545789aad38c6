// Test helper: appends entries to the ledger in DIR until killed, acknowledging each durable one.
#include "core/bytes.h"
#include "core/device/datadir.h"

#include <cstdio>

int main(int argc, char **argv)
{
    using namespace tapledger;
    if (argc != 2) {
        std::fprintf(stderr, "usage: durability_child DATA_DIR\n");
        return 2;
    }
    auto dir = DataDir::open(argv[1]);
    if (!dir) {
        std::fprintf(stderr, "%s\n", dir.error().message.c_str());
        return 1;
    }
    const Uuid member = Uuid::generate();
    for (int64_t i = 0;; ++i) {
        LedgerEntry e;
        e.kind = i % 4 == 0 ? EntryKind::TopUp : EntryKind::Earn;
        e.member = member;
        e.pointsDelta = e.kind == EntryKind::Earn ? 10 : 0;
        e.depositDelta = e.kind == EntryKind::TopUp ? 1000 : 0;
        e.currency = e.depositDelta ? "EUR" : "";
        e.timeMs = 1795456676308 + i;
        e.idempotencyKey = Uuid::generate();
        auto stored = (*dir)->ledger().append(e);
        if (!stored) {
            std::fprintf(stderr, "append failed: %s\n", stored.error().message.c_str());
            return 1;
        }
        // Acknowledged only after append() returned, i.e. after the durable commit.
        std::printf("ack %llu %s\n", static_cast<unsigned long long>(stored->entry.seq), toHex(stored->hash).c_str());
        std::fflush(stdout);
    }
}
