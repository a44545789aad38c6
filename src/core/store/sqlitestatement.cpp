#include "core/store/sqlitestatement_p.h"

#include "core/store/sqlitedb_p.h"

#include <sqlite3.h>

#include <cassert>
#include <climits>

namespace tapledger {

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_lease(other.m_lease)
{
    other.m_stmt = nullptr;
    other.m_lease = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    if (!m_lease) {
        sqlite3_finalize(m_stmt);
        return;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    *m_lease = false;
}

SqliteStatement &SqliteStatement::bind(int index, int64_t value)
{
    [[maybe_unused]] const int rc = sqlite3_bind_int64(m_stmt, index, value);
    assert(rc == SQLITE_OK && "bind index out of range");
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, ByteView blob)
{
    assert(blob.size() <= static_cast<size_t>(INT_MAX));
    // A zero-length blob must stay a blob, not NULL: pass a non-null pointer.
    static const uint8_t empty = 0;
    [[maybe_unused]] const int rc = sqlite3_bind_blob(m_stmt, index, blob.empty() ? &empty : blob.data(),
                                                      static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    assert(rc == SQLITE_OK && "bind index out of range");
    return *this;
}

SqliteStatement &SqliteStatement::bindText(int index, std::string_view text)
{
    assert(text.size() <= static_cast<size_t>(INT_MAX));
    [[maybe_unused]] const int rc =
        sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    assert(rc == SQLITE_OK && "bind index out of range");
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    [[maybe_unused]] const int rc = sqlite3_bind_null(m_stmt, index);
    assert(rc == SQLITE_OK && "bind index out of range");
    return *this;
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return fail(sqliteErrorCode(rc), std::string("database: ") + sqlite3_errmsg(m_db));
}

Result<void> SqliteStatement::run()
{
    auto r = step();
    if (!r)
        return std::move(r).error();
    return {};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::vector<std::string> SqliteStatement::columnNames() const
{
    std::vector<std::string> out;
    for (int c = 0; c < columnCount(); ++c)
        out.emplace_back(sqlite3_column_name(m_stmt, c));
    return out;
}

bool SqliteStatement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

int64_t SqliteStatement::int64At(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

Bytes SqliteStatement::blobAt(int col) const
{
    const auto *data = static_cast<const uint8_t *>(sqlite3_column_blob(m_stmt, col));
    const int len = sqlite3_column_bytes(m_stmt, col);
    return data ? Bytes(data, data + len) : Bytes{};
}

std::string SqliteStatement::textAt(int col) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    const int len = sqlite3_column_bytes(m_stmt, col);
    return data ? std::string(data, static_cast<size_t>(len)) : std::string{};
}

std::string SqliteStatement::valueText(int col) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_NULL:
        return "null";
    case SQLITE_INTEGER:
        return std::to_string(int64At(col));
    case SQLITE_BLOB: {
        std::string out = "x'";
        out += toHex(blobAt(col));
        out += '\'';
        return out;
    }
    default: {
        std::string out = "'";
        out += textAt(col);
        out += '\'';
        return out;
    }
    }
}

} // namespace tapledger
