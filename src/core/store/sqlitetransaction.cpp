#include "core/store/sqlitetransaction_p.h"

#include "core/store/sqlitedb_p.h"

namespace tapledger {

SqliteTransaction::SqliteTransaction(SqliteDb &db)
    : m_db(db), m_nested(db.inTransaction()), m_begun(db.exec(m_nested ? "SAVEPOINT tl_nested" : "BEGIN IMMEDIATE"))
{
    m_done = !m_begun.ok();
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_done)
        (void)m_db.exec(m_nested ? "ROLLBACK TO tl_nested; RELEASE tl_nested" : "ROLLBACK");
}

Result<void> SqliteTransaction::commit()
{
    m_done = true;
    auto r = m_db.exec(m_nested ? "RELEASE tl_nested" : "COMMIT");
    if (!r)
        (void)m_db.exec(m_nested ? "ROLLBACK TO tl_nested; RELEASE tl_nested" : "ROLLBACK");
    return r;
}

} // namespace tapledger
