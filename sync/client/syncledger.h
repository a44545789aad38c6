#pragma once

#include "core/engine/engine.h"
#include "core/ledger/signedtreehead.h"

#include <span>
#include <string>
#include <vector>

namespace tapledger::sync {

/// What a sync round needs from the kiosk's ledger and engine. The kiosk app implements it over
/// its engine thread; EngineSyncLedger calls an Engine directly (CLI, tests).
class SyncLedger
{
public:
    virtual ~SyncLedger() = default;
    virtual std::string kioskId() = 0;
    /// Entries in the ledger (= seq of the last).
    virtual uint64_t size() = 0;
    /// Up to @p limit entries from @p fromSeq.
    virtual Result<std::vector<StoredEntry>> entries(uint64_t fromSeq, uint64_t limit) = 0;
    /// A signed RFC 6962 tree head over the whole ledger, at @p timeMs.
    virtual Result<SignedTreeHead> treeHead(int64_t timeMs) = 0;
    /// The stored feed cursor.
    virtual uint64_t feedCursor() = 0;
    /// Engine::applyHqFeed.
    virtual Result<HqSyncOutcome> applyFeed(std::span<const HqFeedItem> items, uint64_t next) = 0;
    /// Engine::markCardsReconciled.
    virtual Result<void> markCardsReconciled(std::span<const Uuid> cards) = 0;
};

/// SyncLedger over an Engine used from the calling thread.
class EngineSyncLedger final : public SyncLedger
{
public:
    explicit EngineSyncLedger(Engine &engine) : m_engine(engine) {}
    std::string kioskId() override { return m_engine.ledger().kioskId(); }
    uint64_t size() override { return m_engine.ledger().size(); }
    Result<std::vector<StoredEntry>> entries(uint64_t fromSeq, uint64_t limit) override
    {
        return m_engine.ledger().entries(fromSeq, limit);
    }
    Result<SignedTreeHead> treeHead(int64_t timeMs) override { return m_engine.ledger().treeHead(timeMs); }
    uint64_t feedCursor() override { return m_engine.hqFeedCursor(); }
    Result<HqSyncOutcome> applyFeed(std::span<const HqFeedItem> items, uint64_t next) override
    {
        return m_engine.applyHqFeed(items, next);
    }
    Result<void> markCardsReconciled(std::span<const Uuid> cards) override { return m_engine.markCardsReconciled(cards); }

private:
    Engine &m_engine;
};

} // namespace tapledger::sync
