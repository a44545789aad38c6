#pragma once

#include "core/result.h"
#include "nfc/cardcounterstore.h"

#include <memory>

#include <filesystem>
#include <map>
#include <mutex>

namespace tapledger::kiosk {

/// The highest card-state counter this kiosk has seen per card (rollback detection, DESIGN.md
/// "Cards"), kept in a JSON file in the data dir (`card-counters.json`, {"<card id>": counter}),
/// replaced atomically (write, fsync, rename) on every change so a power cut keeps the old or the
/// new map. Thread-safe (the card worker records, anyone reads).
class CardCounterFile final : public nfc::CardCounterStore
{
public:
    /// Loads @p path (a missing file is an empty map); Corrupt for a malformed file.
    static Result<std::unique_ptr<CardCounterFile>> open(const std::filesystem::path &path);

    std::optional<uint32_t> lastSeen(const Uuid &cardId) const override;
    /// Records @p counter when it is higher than the known one; a write failure is reported on
    /// stderr and retried with the next record (the in-memory value still protects this run).
    void recordSeen(const Uuid &cardId, uint32_t counter) override;

private:
    explicit CardCounterFile(std::filesystem::path path) : m_path(std::move(path)) {}
    Result<void> save() const;

    std::filesystem::path m_path;
    mutable std::mutex m_mutex;
    std::map<std::string, uint32_t> m_seen;
};

} // namespace tapledger::kiosk
