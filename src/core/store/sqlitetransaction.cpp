#include "core/store/sqlitetransaction_p.h"

#include "core/store/sqlitedb_p.h"

namespace tapledger {

SqliteTransaction::SqliteTransaction(SqliteDb &db) : m_db(db), m_begun(db.exec("BEGIN IMMEDIATE"))
{
    m_done = !m_begun.ok();
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_done)
        (void)m_db.exec("ROLLBACK");
}

Result<void> SqliteTransaction::commit()
{
    m_done = true;
    auto r = m_db.exec("COMMIT");
    if (!r)
        (void)m_db.exec("ROLLBACK");
    return r;
}

} // namespace tapledger
