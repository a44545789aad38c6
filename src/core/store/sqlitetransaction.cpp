#include "core/store/sqlitetransaction_p.h"

#include "core/store/sqlitedb_p.h"

namespace tapledger {

namespace {
// Statement by statement, so each runs from the connection's statement cache.
Result<void> rollback(SqliteDb &db, bool nested)
{
    if (!nested)
        return db.exec("ROLLBACK");
    TL_TRY(db.exec("ROLLBACK TO tl_nested"));
    return db.exec("RELEASE tl_nested");
}
} // namespace

SqliteTransaction::SqliteTransaction(SqliteDb &db)
    : m_db(db), m_nested(db.inTransaction()), m_begun(db.exec(m_nested ? "SAVEPOINT tl_nested" : "BEGIN IMMEDIATE"))
{
    m_done = !m_begun.ok();
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_done)
        (void)rollback(m_db, m_nested);
}

Result<void> SqliteTransaction::commit()
{
    m_done = true;
    auto r = m_db.exec(m_nested ? "RELEASE tl_nested" : "COMMIT");
    if (!r)
        (void)rollback(m_db, m_nested);
    return r;
}

} // namespace tapledger
