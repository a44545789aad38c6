#include "services/cardcounterfile.h"

#include <nlohmann/json.hpp>

#include "core/fileio.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace tapledger::kiosk {

Result<std::unique_ptr<CardCounterFile>> CardCounterFile::open(const std::filesystem::path &path)
{
    std::unique_ptr<CardCounterFile> store(new CardCounterFile(path));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return store;
    std::stringstream text;
    text << in.rdbuf();
    auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return fail(ErrorCode::Corrupt, path.string() + ": not a JSON object of card counters");
    for (const auto &[card, counter] : json.items()) {
        if (!Uuid::parse(card) || !counter.is_number_unsigned() || counter.get<uint64_t>() > UINT32_MAX)
            return fail(ErrorCode::Corrupt, path.string() + ": bad entry for '" + card + "'");
        store->m_seen[card] = counter.get<uint32_t>();
    }
    return store;
}

std::optional<uint32_t> CardCounterFile::lastSeen(const Uuid &cardId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_seen.find(cardId.toString());
    if (it == m_seen.end())
        return std::nullopt;
    return it->second;
}

void CardCounterFile::recordSeen(const Uuid &cardId, uint32_t counter)
{
    std::lock_guard lock(m_mutex);
    auto &known = m_seen[cardId.toString()];
    if (counter <= known && known != 0)
        return;
    known = counter;
    if (auto saved = save(); !saved)
        std::fprintf(stderr, "tapledger-kiosk: %s\n", saved.error().message.c_str());
}

Result<void> CardCounterFile::save() const
{
    nlohmann::json json = nlohmann::json::object();
    for (const auto &[card, counter] : m_seen)
        json[card] = counter;
    return writeFileAtomic(m_path, json.dump());
}

} // namespace tapledger::kiosk
