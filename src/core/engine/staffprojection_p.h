#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Staff registry and shifts, derived from staff enrol entries (extra "staff": true) and
/// shift_open / shift_close entries. Tables engine_staff, engine_shifts (docs/engine.md).
class StaffProjection final : public Projection
{
public:
    std::string name() const override { return "engine-staff"; }
    std::vector<std::string> tables() const override { return {"engine_staff", "engine_shifts"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
