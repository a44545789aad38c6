#include "core/engine/fleetref_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"
#include "core/ledger/canonicalcodec.h"

#include <algorithm>
#include <charconv>
#include <climits>

namespace tapledger::fleetref {

std::string of(const std::string &chain, uint64_t seq)
{
    return "entry:" + chain + ":" + std::to_string(seq);
}

std::optional<Parsed> parse(const std::string &ref)
{
    constexpr std::string_view prefix = "entry:";
    if (ref.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    const size_t colon = ref.rfind(':');
    if (colon <= prefix.size() || colon + 1 >= ref.size())
        return std::nullopt;
    Parsed p{ref.substr(prefix.size(), colon - prefix.size()), 0};
    const char *first = ref.data() + colon + 1;
    const char *last = ref.data() + ref.size();
    auto [end, ec] = std::from_chars(first, last, p.seq);
    if (ec != std::errc() || end != last || p.seq == 0)
        return std::nullopt;
    return p;
}

Result<int64_t> localFor(SqliteDb &db, const char *table, const std::string &own, const std::string &ref, bool allocate)
{
    const auto p = parse(ref);
    if (!p)
        return fail(ErrorCode::InvalidArgument, "'" + ref + "' is not an entry reference");
    if (p->chain == own)
        return static_cast<int64_t>(p->seq);
    auto known = sql::queryInt(db, std::string("SELECT seq FROM ") + table + " WHERE ref = ?", ref);
    if (!known)
        return std::move(known).error();
    if (*known)
        return **known;
    if (!allocate)
        return int64_t{0};
    auto count = sql::queryInt(db, std::string("SELECT count(*) FROM ") + table);
    if (!count)
        return std::move(count).error();
    const int64_t local = kAdoptedBase + count->value_or(0) + 1;
    TL_TRY(sql::run(db, std::string("INSERT INTO ") + table + "(seq, ref) VALUES(?, ?)", local, ref));
    return local;
}

Result<std::string> refFor(SqliteDb &db, const char *table, const std::string &own, int64_t local)
{
    if (local < kAdoptedBase)
        return of(own, static_cast<uint64_t>(local));
    auto stmt = sql::queryRow(db, "no adopted entry #" + std::to_string(local),
                              std::string("SELECT ref FROM ") + table + " WHERE seq = ?", local);
    if (!stmt)
        return std::move(stmt).error();
    return stmt->textAt(0);
}

Result<std::optional<Snapshot>> snapshotOf(const LedgerEntry &e, const char *field)
{
    if (e.kind != EntryKind::HqSync || e.member.isNil())
        return std::optional<Snapshot>{};
    auto item = extra::hqItem(e);
    if (!item)
        return std::move(item).error();
    if (item->type != "member")
        return std::optional<Snapshot>{};
    const auto list = item->body->find(field);
    if (list == item->body->end() || !list->is_array())
        return std::optional<Snapshot>{};
    Snapshot s{item->extra, &*list, extra::num(*item->body, "batch_debt"), 0, item->body};
    if (auto sources = item->body->find("sources"); sources != item->body->end() && sources->is_object()) {
        if (auto mine = sources->find(e.kioskId); mine != sources->end() && mine->is_number_unsigned())
            s.mergedUpTo = mine->get<uint64_t>();
    }
    return std::optional<Snapshot>(std::move(s));
}

Result<void> forEachUnmerged(SqliteDb &db, const Uuid &member, uint64_t mergedUpTo, uint64_t beforeSeq,
                             const std::function<Result<void>(const StoredEntry &)> &apply)
{
    auto stmt = sql::prepared(db, "SELECT body FROM entries WHERE member = ? AND seq > ? AND seq < ? AND kind NOT IN (?, ?) "
                                  "ORDER BY seq",
                              member);
    if (!stmt)
        return std::move(stmt).error();
    stmt->bind(2, static_cast<int64_t>(std::min<uint64_t>(mergedUpTo, INT64_MAX)));
    stmt->bind(3, static_cast<int64_t>(std::min<uint64_t>(beforeSeq, INT64_MAX)));
    stmt->bind(4, int64_t{static_cast<uint16_t>(EntryKind::HqSync)});
    stmt->bind(5, int64_t{static_cast<uint16_t>(EntryKind::CardSync)});
    std::vector<StoredEntry> own;
    Result<void> bad;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        auto decoded = CanonicalCodec::decode(stmt->blobAt(0));
        if (!decoded) {
            bad = std::move(decoded).error();
            return;
        }
        StoredEntry s;
        s.entry = std::move(*decoded);
        own.push_back(std::move(s));
    }));
    TL_TRY(bad);
    // Applied after the statement is done: an apply may prepare the same statement text again.
    for (const auto &s : own)
        TL_TRY(apply(s));
    return {};
}

} // namespace tapledger::fleetref
