#include "sync/client/syncclient.h"

#include "sync/protocol/feedpage.h"
#include "sync/protocol/hello.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/uploadbatch.h"

#include <nlohmann/json.hpp>

#include <set>

namespace tapledger::sync {

namespace {
constexpr const char *kJson = "application/json";

/// HQ's refusal as one line: its error body's text, or the status.
Error refusal(const HttpResponse &r, std::string_view what)
{
    auto body = ErrorBody::fromJson(r.body);
    const std::string why = body ? body->error : "HTTP " + std::to_string(r.status);
    const ErrorCode code = r.status == 403 || r.status == 409 ? ErrorCode::Denied
                           : r.status >= 500                  ? ErrorCode::Io
                                                              : ErrorCode::InvalidArgument;
    return fail(code, "HQ refused the " + std::string(what) + ": " + why);
}
} // namespace

std::string SyncSummary::toJson() const
{
    nlohmann::json j{{"status", "ok"},        {"kiosk_id", kioskId}, {"uploaded", uploaded},
                     {"acked_seq", ackedSeq}, {"pending", pending},  {"feed_items", feedItems},
                     {"applied", applied},    {"cursor", cursor},    {"alerts", alerts},
                     {"time_ms", timeMs}};
    if (!refused.empty())
        j["refused"] = refused;
    return j.dump();
}

Result<std::unique_ptr<SyncClient>> SyncClient::create(std::filesystem::path dataDir, KioskSyncConfig config,
                                                       const Ed25519SecretKey &deviceKey,
                                                       std::chrono::milliseconds ioTimeout)
{
    HttpsClientOptions o;
    o.readTimeoutMs = ioTimeout.count();
    o.writeTimeoutMs = ioTimeout.count();
    o.connectTimeoutMs = std::min<int64_t>(o.connectTimeoutMs, ioTimeout.count());
    o.host = config.host;
    o.port = config.port;
    o.caFile = config.caFile;
    o.certificatePem = config.certificatePem;
    auto http = HttpsClient::create(std::move(o), deviceKey);
    if (!http)
        return std::move(http).error();
    std::unique_ptr<SyncClient> c(new SyncClient);
    c->m_dataDir = std::move(dataDir);
    c->m_config = std::move(config);
    c->m_http = std::move(*http);
    return c;
}

SyncClient::~SyncClient() = default;

Result<SyncSummary> SyncClient::round(SyncLedger &ledger, int64_t nowMs)
{
    // One connection per round: a kiosk syncs every few minutes, and a connection kept alive
    // between rounds would hold one of HQ's bounded worker threads until its keep-alive timeout.
    struct Disconnect
    {
        HttpsClient &http;
        ~Disconnect() { http.disconnect(); }
    } disconnect{*m_http};
    SyncSummary s;
    s.kioskId = ledger.kioskId();
    const std::string prefix = m_config.pathPrefix;

    auto helloResponse = m_http->get(prefix + "/v1/hello");
    if (!helloResponse)
        return std::move(helloResponse).error();
    if (helloResponse->status != 200)
        return refusal(*helloResponse, "kiosk");
    auto hello = Hello::fromJson(helloResponse->body);
    if (!hello)
        return std::move(hello).error();
    if (hello->kioskId != s.kioskId)
        return fail(ErrorCode::Denied, "HQ knows this certificate as kiosk " + hello->kioskId + ", the ledger is kiosk " +
                                           s.kioskId);
    if (!m_config.hqKey) {
        m_config.hqKey = hello->hqKey;
        TL_TRY(m_config.save(m_dataDir));
    } else if (*m_config.hqKey != hello->hqKey) {
        return fail(ErrorCode::Denied, "HQ's feed key changed since this kiosk's first sync: refusing its feed "
                                       "(re-provision the kiosk if HQ's key was replaced on purpose)");
    }
    if (hello->kioskStatus == "quarantined")
        return fail(ErrorCode::Denied, "HQ has quarantined this kiosk; an operator must look at its alerts");

    // The round's head covers the ledger as it is now; entries written meanwhile go next round.
    auto head = ledger.treeHead(nowMs);
    if (!head)
        return std::move(head).error();
    const uint64_t size = head->treeSize;
    uint64_t from = hello->ackedSeq + 1;
    s.ackedSeq = hello->ackedSeq;
    std::set<Uuid> cards;
    if (hello->ackedSeq > size) {
        // HQ holds more of this kiosk than it has: an old backup. Report it (HQ quarantines).
        UploadBatch report{s.kioskId, size + 1, {}, *head};
        (void)m_http->post(prefix + "/v1/upload", report.toJson(), kJson);
        return fail(ErrorCode::Denied, "this kiosk's ledger has " + std::to_string(size) + " entries but HQ holds " +
                                           std::to_string(hello->ackedSeq) +
                                           ": it was restored from an old backup; HQ has quarantined it");
    }
    bool retried = false;
    while (true) {
        UploadBatch batch;
        batch.kioskId = s.kioskId;
        batch.fromSeq = from;
        if (from <= size) {
            auto entries = ledger.entries(from, std::min<uint64_t>(kUploadBatchEntries, size - from + 1));
            if (!entries)
                return std::move(entries).error();
            for (auto &e : *entries) {
                if (!e.entry.card.isNil())
                    cards.insert(e.entry.card);
                batch.entries.push_back(UploadedEntry{std::move(e.canonical), e.signature});
            }
        }
        const bool last = from + batch.entries.size() > size;
        if (last)
            batch.head = *head;
        auto r = m_http->post(prefix + "/v1/upload", batch.toJson(), kJson);
        if (!r)
            return std::move(r).error();
        if (r->status == 409 && !retried) {
            auto body = ErrorBody::fromJson(r->body);
            if (body && body->expectedSeq > 0 && body->expectedSeq <= size + 1) {
                retried = true;
                from = body->expectedSeq;
                continue;
            }
        }
        if (r->status != 200)
            return refusal(*r, "upload");
        auto ack = UploadAck::fromJson(r->body);
        if (!ack)
            return std::move(ack).error();
        s.uploaded += ack->ackedSeq > s.ackedSeq ? ack->ackedSeq - s.ackedSeq : 0;
        s.ackedSeq = ack->ackedSeq;
        s.alerts += ack->alerts;
        if (last)
            break;
        from = ack->ackedSeq + 1;
    }

    uint64_t cursor = ledger.feedCursor();
    while (true) {
        auto r = m_http->get(prefix + "/v1/feed?after=" + std::to_string(cursor) + "&limit=" +
                             std::to_string(kDefaultFeedItems));
        if (!r)
            return std::move(r).error();
        if (r->status != 200)
            return refusal(*r, "feed request");
        auto page = FeedPage::fromJson(r->body);
        if (!page)
            return std::move(page).error();
        TL_TRY(page->verify(*m_config.hqKey));
        if (page->after != cursor)
            return fail(ErrorCode::InvalidArgument, "HQ answered the feed after " + std::to_string(page->after) +
                                                        ", asked after " + std::to_string(cursor));
        auto applied = ledger.applyFeed(page->items, page->next);
        if (!applied)
            return std::move(applied).error();
        s.feedItems += page->items.size();
        s.applied += applied->applied;
        s.refused.insert(s.refused.end(), applied->refused.begin(), applied->refused.end());
        cursor = page->next;
        if (page->end)
            break;
    }
    s.cursor = cursor;
    const std::vector<Uuid> uploadedCards(cards.begin(), cards.end());
    TL_TRY(ledger.markCardsReconciled(uploadedCards));
    s.pending = ledger.size() > s.ackedSeq ? ledger.size() - s.ackedSeq : 0;
    s.timeMs = nowMs;
    return s;
}

} // namespace tapledger::sync
