#include "core/engine/staffprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> StaffProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_staff(
            staff BLOB PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            pin TEXT NOT NULL,
            registered_ms INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_shifts(
            seq INTEGER PRIMARY KEY,
            staff BLOB NOT NULL,
            opened_ms INTEGER NOT NULL,
            closed_seq INTEGER NOT NULL DEFAULT 0,
            closed_ms INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS engine_shifts_open ON engine_shifts(staff) WHERE closed_seq = 0;
    )sql");
}

Result<void> StaffProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind != EntryKind::Enrol && e.kind != EntryKind::ShiftOpen && e.kind != EntryKind::ShiftClose)
        return {};
    auto x = extra::of(e);
    if (!x)
        return std::move(x).error();
    switch (e.kind) {
    case EntryKind::Enrol:
        if (!x->value("staff", false))
            return {};
        return sql::run(db, "INSERT INTO engine_staff(staff, name, role, pin, registered_ms) VALUES(?, ?, ?, ?, ?)",
                        e.staff, extra::str(*x, "name"), extra::str(*x, "role"), extra::str(*x, "pin"), e.timeMs);
    case EntryKind::ShiftOpen:
        return sql::run(db, "INSERT INTO engine_shifts(seq, staff, opened_ms) VALUES(?, ?, ?)",
                        static_cast<int64_t>(e.seq), e.staff, e.timeMs);
    default:
        return sql::run(db, "UPDATE engine_shifts SET closed_seq = ?, closed_ms = ? WHERE seq = ?",
                        static_cast<int64_t>(e.seq), e.timeMs, extra::num(*x, "open_seq"));
    }
}

} // namespace tapledger
