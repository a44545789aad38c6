#pragma once
// Private to the engine: terse helpers over SqliteDb for projections and queries.

#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"
#include "core/uuid.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapledger::sql {

inline void bindOne(SqliteStatement &s, int i, int64_t v) { s.bind(i, v); }
inline void bindOne(SqliteStatement &s, int i, const std::string &v) { s.bindText(i, v); }
inline void bindOne(SqliteStatement &s, int i, const char *v) { s.bindText(i, v); }
inline void bindOne(SqliteStatement &s, int i, const Uuid &v) { s.bind(i, v.bytes()); }

template<typename... A>
Result<SqliteStatement> prepared(SqliteDb &db, std::string_view text, const A &...args)
{
    auto stmt = db.prepare(text);
    if (!stmt)
        return std::move(stmt).error();
    int i = 0;
    (bindOne(*stmt, ++i, args), ...);
    return stmt;
}

/// Runs a statement that returns no rows.
template<typename... A>
Result<void> run(SqliteDb &db, std::string_view text, const A &...args)
{
    auto stmt = prepared(db, text, args...);
    if (!stmt)
        return std::move(stmt).error();
    return stmt->run();
}

/// A statement positioned on the first row of its result, or nullopt when there is no row.
template<typename... A>
Result<std::optional<SqliteStatement>> firstRow(SqliteDb &db, std::string_view text, const A &...args)
{
    auto stmt = prepared(db, text, args...);
    if (!stmt)
        return std::move(stmt).error();
    auto row = stmt->step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return std::optional<SqliteStatement>{};
    return std::optional<SqliteStatement>(std::move(*stmt));
}

/// A statement positioned on the first row of its result, or NotFound carrying @p notFound
/// (a message for people, e.g. "unknown card …") when there is no row.
template<typename... A>
Result<SqliteStatement> queryRow(SqliteDb &db, std::string notFound, std::string_view text, const A &...args)
{
    auto stmt = firstRow(db, text, args...);
    if (!stmt)
        return std::move(stmt).error();
    if (!*stmt)
        return fail(ErrorCode::NotFound, std::move(notFound));
    return std::move(**stmt);
}

/// Steps through every row of @p stmt, calling @p onRow (which reads the current row's columns).
template<typename F>
Result<void> forEachRow(SqliteStatement &stmt, F &&onRow)
{
    return stmt.forEachRow(std::forward<F>(onRow));
}

/// The first column of the first row as an integer, or nullopt when there is no row.
template<typename... A>
Result<std::optional<int64_t>> queryInt(SqliteDb &db, std::string_view text, const A &...args)
{
    auto stmt = firstRow(db, text, args...);
    if (!stmt)
        return std::move(stmt).error();
    if (!*stmt || (*stmt)->isNull(0))
        return std::optional<int64_t>{};
    return std::optional<int64_t>((*stmt)->int64At(0));
}

/// Uuid from a 16-byte blob column (nil for anything else).
inline Uuid uuidAt(const SqliteStatement &s, int col)
{
    const Bytes b = s.blobAt(col);
    Uuid::Bytes16 raw{};
    if (b.size() != raw.size())
        return Uuid();
    std::copy(b.begin(), b.end(), raw.begin());
    return Uuid(raw);
}

} // namespace tapledger::sql
