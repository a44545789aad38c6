#include "core/engine/membercounters.h"

#include "core/engine/counterprojection_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

struct MemberCounters::Impl
{
    std::unique_ptr<SqliteDb> db;
    CounterProjection counters;
};

MemberCounters::MemberCounters(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
MemberCounters::MemberCounters(MemberCounters &&) noexcept = default;
MemberCounters &MemberCounters::operator=(MemberCounters &&) noexcept = default;
MemberCounters::~MemberCounters() = default;

Result<MemberCounters> MemberCounters::create()
{
    auto impl = std::make_unique<Impl>();
    auto db = SqliteDb::open(":memory:", SqliteDb::Mode::CreateNew);
    if (!db)
        return std::move(db).error();
    impl->db = std::move(*db);
    TL_TRY(impl->counters.createSchema(*impl->db));
    return MemberCounters(std::move(impl));
}

Result<void> MemberCounters::apply(const LedgerEntry &entry)
{
    StoredEntry stored;
    stored.entry = entry;
    return d->counters.apply(*d->db, stored);
}

Result<int64_t> MemberCounters::counter(const std::string &key) const
{
    auto v = sql::queryInt(*d->db, "SELECT value FROM engine_counters WHERE key = ?", key);
    if (!v)
        return std::move(v).error();
    return v->value_or(0);
}

} // namespace tapledger
