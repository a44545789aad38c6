#pragma once
// Private to the SQLite backend of HQ's store: binding and reading ids and fixed-size blobs.

#include "core/store/sqlitestatement_p.h"
#include "core/uuid.h"

#include <algorithm>
#include <array>
#include <optional>

namespace tapledger::sync::sqliterows {

inline void bindUuid(SqliteStatement &s, int i, const Uuid &id)
{
    s.bind(i, ByteView(id.bytes()));
}

inline void bindOptionalUuid(SqliteStatement &s, int i, const Uuid &id)
{
    if (id.isNil())
        s.bindNull(i);
    else
        bindUuid(s, i, id);
}

inline Uuid uuidAt(const SqliteStatement &s, int col)
{
    const Bytes b = s.blobAt(col);
    Uuid::Bytes16 raw{};
    if (b.size() == raw.size())
        std::copy(b.begin(), b.end(), raw.begin());
    return Uuid(raw);
}

template<size_t N>
std::array<uint8_t, N> arrayAt(const SqliteStatement &s, int col)
{
    const Bytes b = s.blobAt(col);
    std::array<uint8_t, N> out{};
    if (b.size() == N)
        std::copy(b.begin(), b.end(), out.begin());
    return out;
}

/// The first row of @p s mapped by @p map, nullopt when there is none.
template<typename F>
auto firstRow(SqliteStatement &s, F &&map) -> Result<std::optional<decltype(map(s))>>
{
    using T = decltype(map(s));
    auto row = s.step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return std::optional<T>{};
    return std::optional<T>{map(s)};
}

} // namespace tapledger::sync::sqliterows
