// SqliteHqTx, feedback part: entries by kind and complaint steps (docs/hq-storage.md, docs/crm.md).
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

namespace tapledger::sync {

using namespace sqliterows;

const char *const kSqliteHqFeedbackSchema = R"sql(
CREATE INDEX IF NOT EXISTS entries_kind ON entries(kind, chain_id, seq);
CREATE TABLE IF NOT EXISTS complaint_steps(kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL CHECK(seq >= 1),
    step INTEGER NOT NULL CHECK(step >= 1), status TEXT NOT NULL CHECK(status IN ('answered', 'closed')),
    staff TEXT NOT NULL, note TEXT NOT NULL, time_ms INTEGER NOT NULL,
    make_good_points INTEGER NOT NULL CHECK(make_good_points >= 0), PRIMARY KEY(kiosk_id, seq, step)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS complaint_steps_no_update BEFORE UPDATE ON complaint_steps BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;
CREATE TRIGGER IF NOT EXISTS complaint_steps_no_delete BEFORE DELETE ON complaint_steps BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;
)sql";

namespace {
constexpr const char *kStepColumns = "kiosk_id, seq, step, status, staff, note, time_ms, make_good_points";

ComplaintStep stepAt(const SqliteStatement &s)
{
    return ComplaintStep{s.textAt(0), static_cast<uint64_t>(s.int64At(1)), static_cast<uint32_t>(s.int64At(2)),
                         s.textAt(3), s.textAt(4), s.textAt(5), s.int64At(6), s.int64At(7)};
}

Result<std::vector<ComplaintStep>> stepsOf(SqliteStatement &s)
{
    std::vector<ComplaintStep> out;
    TL_TRY(s.forEachRow([&] { out.push_back(stepAt(s)); }));
    return out;
}
} // namespace

Result<std::vector<StoredEntry>> SqliteHqTx::entriesOfKind(EntryKind kind)
{
    auto s = m_db.prepare("SELECT chain_id, seq, hash, body, signature FROM entries WHERE kind = ? ORDER BY chain_id, seq");
    if (!s)
        return std::move(s).error();
    s->bind(1, static_cast<int64_t>(kind));
    return chainEntriesOf(*s);
}

Result<std::vector<ComplaintStep>> SqliteHqTx::complaintSteps()
{
    auto s = m_db.prepare(std::string("SELECT ") + kStepColumns + " FROM complaint_steps ORDER BY kiosk_id, seq, step");
    if (!s)
        return std::move(s).error();
    return stepsOf(*s);
}

Result<std::vector<ComplaintStep>> SqliteHqTx::complaintSteps(const std::string &kioskId, uint64_t seq)
{
    auto s = m_db.prepare(std::string("SELECT ") + kStepColumns +
                          " FROM complaint_steps WHERE kiosk_id = ? AND seq = ? ORDER BY step");
    if (!s)
        return std::move(s).error();
    s->bindText(1, kioskId).bind(2, static_cast<int64_t>(seq));
    return stepsOf(*s);
}

Result<void> SqliteHqTx::addComplaintStep(const ComplaintStep &c)
{
    auto existing = m_db.prepare("SELECT 1 FROM complaint_steps WHERE kiosk_id = ? AND seq = ? AND step = ?");
    if (!existing)
        return std::move(existing).error();
    existing->bindText(1, c.kioskId).bind(2, static_cast<int64_t>(c.seq)).bind(3, static_cast<int64_t>(c.step));
    auto row = existing->step();
    if (!row)
        return std::move(row).error();
    if (*row)
        return fail(ErrorCode::Conflict, "complaint " + c.kioskId + ":" + std::to_string(c.seq) + " already has step " +
                                             std::to_string(c.step) + " (another operator took it first)");
    auto s = m_db.prepare(std::string("INSERT INTO complaint_steps(") + kStepColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, c.kioskId).bind(2, static_cast<int64_t>(c.seq)).bind(3, static_cast<int64_t>(c.step));
    s->bindText(4, c.status).bindText(5, c.staff).bindText(6, c.note).bind(7, c.timeMs).bind(8, c.makeGoodPoints);
    return s->run();
}

} // namespace tapledger::sync
