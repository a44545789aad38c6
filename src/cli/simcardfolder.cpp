#include "cli/simcardfolder.h"

#include "core/bytes.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/crypto/sha256.h"
#include "core/engine/engine.h"
#include "core/fileio.h"
#include "core/kioskid.h"
#include "core/ledger/entrykind.h"
#include "nfc/cardstateverifier.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace fs = std::filesystem;

namespace tapledger::cli {

namespace {
constexpr uint64_t kPage = 1000;

/// The highest card counter on this kiosk's own entries for @p card (what it has seen), nullopt
/// when none carries it. Entries written from @p fromSeq on only, when given.
Result<std::optional<std::pair<uint32_t, uint64_t>>> highestCounter(const Engine &engine, const Uuid &card,
                                                                    uint64_t fromSeq = 1)
{
    std::optional<std::pair<uint32_t, uint64_t>> best; // counter, seq
    for (uint64_t seq = fromSeq; seq <= engine.ledger().size(); seq += kPage) {
        auto page = engine.ledger().entries(seq, kPage);
        if (!page)
            return std::move(page).error();
        for (const auto &e : *page) {
            // A card_alert carries the refused token's counter, which this kiosk never accepted.
            if (e.entry.kind == EntryKind::CardAlert)
                continue;
            if (e.entry.card == card && e.entry.cardCounter > 0 && (!best || e.entry.cardCounter >= best->first))
                best = std::pair{e.entry.cardCounter, e.entry.seq};
        }
    }
    return best;
}
} // namespace

std::array<uint8_t, 7> SimCardFolder::uidFor(const std::string &handle)
{
    const Sha256Digest h = sha256(asBytes("tapledger-sim:uid:" + handle));
    std::array<uint8_t, 7> uid{};
    std::copy_n(h.begin(), uid.size(), uid.begin());
    return uid;
}

Result<fs::path> SimCardFolder::imagePath(const std::string &handle) const
{
    if (!isValidKioskId(handle) || handle.front() == '.')
        return fail(ErrorCode::InvalidArgument, "card handle '" + handle + "' cannot name an image file (" +
                                                    std::string(kKioskIdRule) + ", not starting with '.')");
    return m_dir / (handle + ".json");
}

Result<void> SimCardFolder::canIssue(const std::string &handle)
{
    auto path = imagePath(handle);
    if (!path)
        return std::move(path).error();
    std::error_code ec;
    if (fs::exists(*path, ec))
        return fail(ErrorCode::Conflict, "card '" + handle + "' is issued already (" + path->string() + " exists)");
    return {};
}

Result<void> SimCardFolder::issued(Engine &engine, const std::string &handle, const Uuid &card)
{
    return write(engine, handle, card, 0, engine.ledger().size());
}

Result<uint32_t> SimCardFolder::beforeUse(Engine &engine, const std::string &handle, const Uuid &card)
{
    auto path = imagePath(handle);
    if (!path)
        return std::move(path).error();
    std::error_code ec;
    if (!fs::exists(*path, ec))
        return fail(ErrorCode::NotFound, "card '" + handle + "' is not at the reader (no image " + path->string() + ")");
    auto text = readSmallFile(*path, "card image");
    if (!text)
        return std::move(text).error();
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    const auto bad = [&](const std::string &why) {
        return fail(ErrorCode::Corrupt, "card image " + path->string() + ": " + why);
    };
    if (!j.is_object() || j.value("format", "") != kFormat)
        return bad(std::string("not a card image (\"format\": \"") + kFormat + "\")");
    for (const char *key : {"card", "card_id", "member_id", "uid", "token"}) {
        if (!j.contains(key) || !j[key].is_string())
            return bad(std::string("\"") + key + "\" must be a string");
    }
    auto cardId = Uuid::parse(j["card_id"].get<std::string>());
    auto memberId = Uuid::parse(j["member_id"].get<std::string>());
    auto uidBytes = fromHexExact(j["uid"].get<std::string>(), 7, "uid");
    auto token = fromHex(j["token"].get<std::string>());
    if (!cardId || !memberId || !uidBytes || !token)
        return bad("\"card_id\", \"member_id\" are UUIDs, \"uid\" 14 and \"token\" 512 hex digits");
    if (j["card"].get<std::string>() != handle || *cardId != card)
        return bad("it holds card '" + j["card"].get<std::string>() + "', not '" + handle + "'");

    nfc::CardUid uid{};
    std::copy_n(uidBytes->begin(), uid.size(), uid.begin());
    nfc::MemberRecord record;
    record.cardId = *cardId;
    record.memberId = *memberId;
    record.issuer = "sim";
    std::vector<Ed25519PublicKey> trusted{engine.deviceKey().publicKey()};
    auto fleet = engine.fleetKeys();
    if (!fleet)
        return std::move(fleet).error();
    for (const auto &k : *fleet) {
        if (k.status == "active")
            trusted.push_back(k.publicKey);
    }
    auto seen = highestCounter(engine, card);
    if (!seen)
        return std::move(seen).error();
    const std::optional<uint32_t> lastSeen = *seen ? std::optional((*seen)->first) : std::nullopt;
    const nfc::CardVerdict verdict = nfc::CardStateVerifier(std::move(trusted)).check(*token, uid, record, lastSeen);
    if (!verdict.accepted()) {
        // As the kiosk does: the refusal goes into the ledger for HQ.
        auto alerted = engine.ledger().append(verdict.alert->toLedgerDraft(m_clock.nowMs()));
        if (!alerted)
            return std::move(alerted).error();
        return fail(ErrorCode::Denied, "card '" + handle + "' refused (" +
                                           std::string(nfc::cardAlertReasonName(verdict.alert->reason)) +
                                           "): " + verdict.alert->detail);
    }
    // As the kiosk does: a newer token of another fleet kiosk brings this kiosk's view of the
    // member up to it (a card_sync entry; docs/sync-protocol.md "The card's token in the view").
    auto facts = nfc::cardTokenFacts(*verdict.token);
    if (!facts)
        return std::move(facts).error();
    if (auto adopted = engine.adoptCardToken(*facts); !adopted)
        return fail(adopted.error().code, "card '" + handle + "' refused: " + adopted.error().message);
    m_sizeBefore[handle] = engine.ledger().size();
    return verdict.token->counter;
}

Result<void> SimCardFolder::afterUse(Engine &engine, const std::string &handle, const Uuid &card)
{
    const auto before = m_sizeBefore.find(handle);
    if (before == m_sizeBefore.end())
        return fail(ErrorCode::InvalidArgument, "card '" + handle + "' was not read before the action");
    const uint64_t from = before->second + 1;
    m_sizeBefore.erase(before);
    auto written = highestCounter(engine, card, from);
    if (!written)
        return std::move(written).error();
    if (!*written)
        return {}; // nothing the action wrote carries the card: its state is unchanged
    return write(engine, handle, card, (*written)->first, (*written)->second);
}

Result<void> SimCardFolder::write(Engine &engine, const std::string &handle, const Uuid &card, uint32_t counter,
                                  uint64_t ledgerSeq)
{
    auto path = imagePath(handle);
    if (!path)
        return std::move(path).error();
    auto memberId = engine.memberForCard(card);
    if (!memberId)
        return std::move(memberId).error();
    auto member = engine.member(*memberId);
    if (!member)
        return std::move(member).error();
    nfc::CardStateToken token;
    token.uid = uidFor(handle);
    token.cardId = card;
    token.memberId = *memberId;
    token.counter = counter;
    token.ledgerSeq = ledgerSeq;
    token.deposit = member->deposit;
    token.bonus = member->bonus;
    token.points = member->points;
    token.currency = engine.policy().currency;
    token.kioskId = engine.ledger().kioskId();
    token.timeMs = m_clock.nowMs();
    TL_TRY(token.sign(engine.deviceKey()));
    auto bytes = token.encode();
    if (!bytes)
        return std::move(bytes).error();
    const nlohmann::json image = {{"format", kFormat},
                                  {"card", handle},
                                  {"card_id", card.toString()},
                                  {"member_id", memberId->toString()},
                                  {"uid", toHex(token.uid)},
                                  {"counter", counter},
                                  {"kiosk", token.kioskId},
                                  {"token", toHex(*bytes)}};
    return writeFileAtomic(*path, image.dump(2) + "\n", 0644);
}

} // namespace tapledger::cli
